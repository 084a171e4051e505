#!/usr/bin/env bash
# Builds installers/target/server/omnichat-server_<version>-<release>_amd64.deb: the server with its own jlinked Java
# runtime under /opt/omnichat-server, a systemd unit, the system user, /var/lib/omnichat and /etc/omnichat/omnichat.env
# (maintainer scripts in debian/). Needs a JDK 17+ (jpackage, jlink, jdeps), fakeroot, dpkg-deb and objcopy.
#
#   installers/server/build-deb.sh                 # build the server jar, the app image and the deb
#   installers/server/build-deb.sh --release 2     # same, Debian revision 2 (an upgrade of -1)
#   installers/server/build-deb.sh --reuse-image --release 2   # only repackage the existing app image
set -euo pipefail
source "$(dirname "$0")/../common.sh"

release=1
reuse_image=false
while [ $# -gt 0 ]; do
    case "$1" in
        --release) release="$2"; shift 2 ;;
        --reuse-image) reuse_image=true; shift ;;
        *) die "unknown option $1" ;;
    esac
done

NAME=omnichat-server
VERSION="$(project_version)"
OUT="$TARGET_DIR/server"
IMAGE="$OUT/image/$NAME"
JPACKAGE="$(jdk_tool jpackage)"
require_tool fakeroot "apt-get install fakeroot"
require_tool dpkg-deb "Debian's dpkg"
require_tool objcopy "apt-get install binutils (jlink --strip-debug)"

if ! $reuse_image || [ ! -d "$IMAGE" ]; then
    say "server jar ($VERSION)"
    mvnw -DskipTests -pl server -am package
    rm -rf "$OUT/input" "$OUT/image"
    mkdir -p "$OUT/input"
    # The jar's manifest names its dependencies as lib/*.jar: keep that layout inside the image.
    cp "$REPO_DIR/server/target/omnichat-server.jar" "$OUT/input/"
    cp -r "$REPO_DIR/server/target/lib" "$OUT/input/lib"

    # Only the JDK modules the server uses (jdeps), plus what it reaches by reflection or service loading:
    # jdk.crypto.ec for TLS to Twilio/Meta/Expo, jdk.unsupported for libraries using sun.misc.Unsafe,
    # jdk.zipfs for resources read from jars, jdk.localedata for locale-aware formatting of dates and numbers.
    modules="$("$(jdk_tool jdeps)" --print-module-deps --ignore-missing-deps --multi-release 17 \
        --class-path "$OUT/input/lib/*" "$OUT/input/omnichat-server.jar" "$OUT/input"/lib/*.jar 2>/dev/null | tail -1)"
    modules="$modules,jdk.crypto.ec,jdk.unsupported,jdk.zipfs"
    say "app image: runtime with $modules"
    "$JPACKAGE" --type app-image --dest "$OUT/image" \
        --name "$NAME" --app-version "$VERSION" --vendor "$VENDOR" --copyright "$COPYRIGHT" \
        --description "Omnichat customer-support chat server" \
        --input "$OUT/input" --main-jar omnichat-server.jar --main-class com.omnichat.server.Main \
        --add-modules "$modules" --jlink-options "$JLINK_OPTIONS" \
        --java-options "-XX:+ExitOnOutOfMemoryError" \
        --java-options "-Djava.awt.headless=true" \
        --java-options "-Dfile.encoding=UTF-8"
    # java.desktop is there for java.beans (Jackson, Jetty). The server draws nothing: a headless JVM never loads the
    # X11, sound or splash libraries, and the server never renders fonts, JPEGs or colour profiles; without these
    # native libraries the package does not depend on X11, ALSA, FreeType or HarfBuzz.
    rm -f "$IMAGE"/lib/runtime/lib/{libawt_xawt.so,libsplashscreen.so,libjsound.so,libfontmanager.so,libjavajpeg.so,liblcms.so}
fi

say "deb $VERSION-$release"
rm -rf "$OUT/deb-raw" && mkdir -p "$OUT/deb-raw"
"$JPACKAGE" --type deb --app-image "$IMAGE" --dest "$OUT/deb-raw" \
    --name "$NAME" --app-version "$VERSION" --vendor "$VENDOR" --copyright "$COPYRIGHT" \
    --description "Omnichat customer-support chat server" \
    --about-url "$HOMEPAGE" \
    --install-dir /opt \
    --resource-dir "$INSTALLERS_DIR/server/debian" \
    --linux-package-name "$NAME" --linux-deb-maintainer "$MAINTAINER_EMAIL" \
    --linux-app-category net --linux-app-release "$release" \
    --linux-package-deps "adduser"
raw_deb="$(ls "$OUT/deb-raw"/*.deb)"

# jpackage ships only the install directory; the files dpkg must own outside it are added here: the systemd unit
# and the docs. md5sums and Installed-Size are then recomputed.
say "adding the systemd unit"
work="$OUT/deb-tree"
rm -rf "$work"
fakeroot -- bash -euo pipefail -c '
    raw="$1"; work="$2"; unit="$3"; readme="$4"; final="$5"
    dpkg-deb -R "$raw" "$work"
    install -D -m 0644 "$unit" "$work/lib/systemd/system/omnichat-server.service"
    install -D -m 0644 "$readme" "$work/usr/share/doc/omnichat-server/README"
    (cd "$work" && find . -path ./DEBIAN -prune -o -type f -printf "%P\0" | sort -z | xargs -0 md5sum > DEBIAN/md5sums)
    size=$(du -sk --exclude=DEBIAN "$work" | cut -f1)
    sed -i "s/^Installed-Size: .*/Installed-Size: $size/" "$work/DEBIAN/control"
    dpkg-deb --root-owner-group -Zxz -b "$work" "$final" >/dev/null
' _ "$raw_deb" "$work" "$INSTALLERS_DIR/server/omnichat-server.service" "$INSTALLERS_DIR/server/README.server" \
    "$OUT/$(basename "$raw_deb")"
rm -rf "$work" "$OUT/deb-raw"
echo "built $OUT/$(basename "$raw_deb")"
