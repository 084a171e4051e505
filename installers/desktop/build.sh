#!/usr/bin/env bash
# Builds the desktop staff app "Omnichat" with jpackage from a jlinked runtime that holds only the modules it uses:
# the JDK modules jdeps finds, plus the JavaFX modules, taken from the platform jars of OpenJFX on the module path
# (not a fat jar). The app's own jar and its other dependencies stay plain jars on the class path.
#
#   installers/desktop/build.sh app-image   # Linux, macOS, Windows: installers/target/desktop/image/Omnichat
#   installers/desktop/build.sh deb         # Linux (fakeroot, dpkg-deb): omnichat_<version>-1_amd64.deb
#   installers/desktop/build.sh rpm         # Linux (rpmbuild: apt-get install rpm): omnichat-<version>-1.x86_64.rpm
#   installers/desktop/build.sh dmg|pkg     # macOS (Xcode command line tools)
# (Windows: installers/windows/build-msi.ps1.) A package is made from the app image of the same run, which is built
# first when missing or when --rebuild is given. The version is the POM's.
set -euo pipefail
source "$(dirname "$0")/../common.sh"

type="${1:-app-image}"
rebuild=false
[ "${2:-}" = "--rebuild" ] && rebuild=true

NAME=Omnichat
PACKAGE=omnichat
MAIN_CLASS=com.omnichat.desktop.Launcher
VERSION="$(project_version)"
OUT="$TARGET_DIR/desktop"
IMAGE_DIR="$OUT/image"
JPACKAGE="$(jdk_tool jpackage)"
DESCRIPTION="Omnichat staff app: answer website, SMS, WhatsApp and Messenger conversations"

case "$(uname -s)" in
    Darwin) image="$IMAGE_DIR/$NAME.app"; icon="$OUT/icon/omnichat.icns" ;;
    *) image="$IMAGE_DIR/$NAME"; icon="$OUT/icon/omnichat.png" ;;
esac

build_image() {
    say "desktop app jar and its dependencies ($VERSION)"
    # -am builds the modules it needs from this checkout; copy-dependencies writes each module's runtime jars to
    # its own target/package-deps, and the desktop's are the ones used.
    mvnw -DskipTests -pl desktop-client -am package dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory=target/package-deps
    rm -rf "$OUT/input" "$OUT/javafx" "$IMAGE_DIR" "$OUT/icon"
    mkdir -p "$OUT/input" "$OUT/javafx"
    app_jar="$REPO_DIR/desktop-client/target/omnichat-desktop.jar"   # the pom's finalName, which ./desktop.sh runs too
    [ -f "$app_jar" ] || die "desktop-client produced no jar"
    cp "$app_jar" "$OUT/input/"
    for jar in "$REPO_DIR"/desktop-client/target/package-deps/*.jar; do
        case "$(basename "$jar")" in
            javafx-*-"$VERSION_FX"-*.jar) cp "$jar" "$OUT/javafx/" ;;   # platform jar (linux, win, mac): a module
            javafx-*.jar) ;;                                             # the empty jar that only selects the platform
            *) cp "$jar" "$OUT/input/" ;;
        esac
    done
    ls "$OUT/javafx"/*.jar >/dev/null 2>&1 || die "no JavaFX platform jars among the desktop's dependencies"

    # JavaFX modules: every platform jar present (controls, graphics, base, and what the app adds: swing, and web for
    # the settings screen's widget preview, which brings media along). The JDK modules web requires (jdk.jsobject,
    # jdk.xml.dom) come with it.
    fx_modules="$(for jar in "$OUT/javafx"/*.jar; do basename "$jar" | sed 's/^javafx-\([a-z]*\)-.*/javafx.\1/'; done | paste -sd, -)"
    case ",$fx_modules," in
        *,javafx.web,*) ;;
        *) die "javafx.web is not among the desktop's JavaFX jars ($fx_modules): the settings preview needs it" ;;
    esac
    # jdeps follows the app jar's references into its dependencies (some of them are modular jars that cannot be
    # analysed as roots on the class path).
    jdk_modules="$("$(jdk_tool jdeps)" --print-module-deps --ignore-missing-deps --multi-release 17 \
        --module-path "$OUT/javafx" --add-modules ALL-MODULE-PATH --class-path "$OUT/input/*" "$app_jar" | tail -1)"
    # Reached without a static reference: TLS with elliptic curves (an https server URL), sun.misc.Unsafe users,
    # and the locale data for dates and numbers shown in the user's language.
    modules="$jdk_modules,$fx_modules,jdk.crypto.ec,jdk.unsupported,jdk.localedata"

    java_options=()
    while IFS= read -r option; do
        java_options+=(--java-options "$option")
    done < <(grep -v '^#' "$REPO_DIR/desktop-client/app-jvm-options")

    java "$INSTALLERS_DIR/icon/OmnichatIcon.java" "$OUT/icon"
    say "app image: runtime with $modules"
    "$JPACKAGE" --type app-image --dest "$IMAGE_DIR" \
        --name "$NAME" --app-version "$VERSION" --vendor "$VENDOR" --copyright "$COPYRIGHT" \
        --description "$DESCRIPTION" --icon "$icon" \
        --input "$OUT/input" --main-jar "$(basename "$app_jar")" --main-class "$MAIN_CLASS" \
        --module-path "$OUT/javafx" --add-modules "$modules" \
        --jlink-options "$JLINK_OPTIONS" \
        "${java_options[@]}"
}

# The JavaFX version, to tell its platform jars (javafx-controls-21.0.11-linux.jar) from the empty selector jars.
VERSION_FX="$(sed -n 's:.*<javafx.version>\(.*\)</javafx.version>.*:\1:p' "$REPO_DIR/pom.xml")"
[ -n "$VERSION_FX" ] || die "no javafx.version in the parent POM"

if $rebuild || [ ! -d "$image" ]; then
    build_image
fi
[ "$type" = app-image ] && { echo "built $image"; exit 0; }

say "$type package"
mkdir -p "$OUT/packages"
common=(--app-image "$image" --dest "$OUT/packages" --name "$NAME" --app-version "$VERSION" --vendor "$VENDOR"
        --copyright "$COPYRIGHT" --description "$DESCRIPTION" --about-url "$HOMEPAGE")
case "$type" in
    deb)
        require_tool fakeroot "apt-get install fakeroot"
        "$JPACKAGE" --type deb "${common[@]}" --resource-dir "$INSTALLERS_DIR/desktop/debian" \
            --linux-package-name "$PACKAGE" --linux-deb-maintainer "$MAINTAINER_EMAIL" \
            --linux-app-category net --linux-menu-group "Network;InstantMessaging;" --linux-shortcut \
            --linux-package-deps libgtk-3-0
        ;;
    rpm)
        require_tool rpmbuild "apt-get install rpm"
        "$JPACKAGE" --type rpm "${common[@]}" \
            --linux-package-name "$PACKAGE" --linux-rpm-license-type "Proprietary" \
            --linux-app-category "Applications/Internet" --linux-menu-group "Network;InstantMessaging;" \
            --linux-shortcut --linux-package-deps gtk3
        ;;
    dmg|pkg)
        "$JPACKAGE" --type "$type" "${common[@]}" --mac-package-identifier com.omnichat.desktop \
            --mac-package-name "$NAME"
        ;;
    *) die "unknown package type $type (app-image, deb, rpm, dmg, pkg; Windows: installers/windows/build-msi.ps1)" ;;
esac
ls -1 "$OUT/packages"
