#!/usr/bin/env bash
# The installers, checked end to end on this (Debian, root) machine; CI runs it in its own step.
#
# Builds the desktop app image, deb and rpm and the server deb; checks their metadata (dpkg -I) and sizes; installs both
# debs; starts the server the way its systemd unit does (systemd does not run here: the unit's ExecStart, as its
# User, with its EnvironmentFile and WorkingDirectory) and checks /health and a stored message; upgrades the server
# package to a rebuilt one with a higher version and checks that settings and data stayed and the new version
# starts; runs the daily backup unit's command three times under the running server (OMNICHAT_BACKUP_KEEP=2 keeps
# two), checks a restore is refused while the server runs and, with it stopped, restores the newest backup; as a new
# local user, starts the installed desktop app under Xvfb, takes a screenshot of its sign-in window, types the server's
# URL and the admin's account into it, checks the URL lands in that user's preferences and that a second start opens
# the saved session; removes and purges both packages and checks what each step leaves behind.
# Exits non-zero at the first failure.
#
# Output: installers/target/sizes.txt, installers/target/screenshots/desktop-{sign-in,signed-in,resumed}.png,
# installers/target/check/*.log
set -euo pipefail
source "$(dirname "$0")/common.sh"

[ "$(id -u)" -eq 0 ] || die "check.sh installs packages: run it as root"
started_at=$(date +%s)
VERSION="$(project_version)"
CHECK_DIR="$TARGET_DIR/check"
SHOTS_DIR="$TARGET_DIR/screenshots"
SERVER_DEB="$TARGET_DIR/server/omnichat-server_${VERSION}-1_amd64.deb"
SERVER_DEB_UPGRADE="$TARGET_DIR/server/omnichat-server_${VERSION}-2_amd64.deb"
DESKTOP_DEB="$TARGET_DIR/desktop/packages/omnichat_${VERSION}-1_amd64.deb"
DESKTOP_RPM="$TARGET_DIR/desktop/packages/omnichat-${VERSION}-1.x86_64.rpm"
DESKTOP_IMAGE="$TARGET_DIR/desktop/image/Omnichat"
ADMIN_PASSWORD="check-$(od -An -tx1 -N8 /dev/urandom | tr -d ' \n')"
VISITOR="check-visitor-$$"
MESSAGE="Hello from the package check $$"
DESKTOP_USER="omnichat-check"
passed=0
server_pid=""

ok() { passed=$((passed + 1)); printf '  ok  %s\n' "$*"; }
fail() { printf '  FAIL %s\n' "$*" >&2; exit 1; }
expect() { local what="$1"; shift; if "$@"; then ok "$what"; else fail "$what"; fi; }

cleanup() {
    status=$?
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid" 2>/dev/null || true; fi
    if [ $status -ne 0 ]; then
        echo "check.sh failed after $(( $(date +%s) - started_at )) s; logs in $CHECK_DIR" >&2
        # Leave the machine as it was: no half-installed packages from this run.
        DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq omnichat omnichat-server >/dev/null 2>&1 || true
        userdel --remove "$DESKTOP_USER" >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT

say "tools"
need=()
command -v fakeroot >/dev/null || need+=(fakeroot)
command -v objcopy >/dev/null || need+=(binutils)
command -v xvfb-run >/dev/null || need+=(xvfb xauth)
command -v import >/dev/null || need+=(imagemagick)
command -v xwininfo >/dev/null || need+=(x11-utils)
command -v xdotool >/dev/null || need+=(xdotool)
command -v curl >/dev/null || need+=(curl)
command -v rpmbuild >/dev/null || need+=(rpm)
dpkg -s libgtk-3-0 >/dev/null 2>&1 || need+=(libgtk-3-0)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
# A previous run that was killed may have left its packages installed.
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq omnichat omnichat-server >/dev/null 2>&1 || true
userdel --remove "$DESKTOP_USER" >/dev/null 2>&1 || true
rm -rf "$CHECK_DIR" "$SHOTS_DIR" && mkdir -p "$CHECK_DIR" "$SHOTS_DIR"

say "build: server deb, desktop app image, desktop deb and rpm ($VERSION)"
t0=$(date +%s)
"$INSTALLERS_DIR/server/build-deb.sh" >"$CHECK_DIR/build-server.log" 2>&1 || { tail -30 "$CHECK_DIR/build-server.log"; fail "server deb build"; }
ok "server deb built in $(( $(date +%s) - t0 )) s"
t0=$(date +%s)
"$INSTALLERS_DIR/desktop/build.sh" app-image --rebuild >"$CHECK_DIR/build-desktop-image.log" 2>&1 || { tail -30 "$CHECK_DIR/build-desktop-image.log"; fail "desktop app image build"; }
ok "desktop app image built in $(( $(date +%s) - t0 )) s"
t0=$(date +%s)
rm -rf "$TARGET_DIR/desktop/packages"
"$INSTALLERS_DIR/desktop/build.sh" deb >"$CHECK_DIR/build-desktop-deb.log" 2>&1 || { tail -30 "$CHECK_DIR/build-desktop-deb.log"; fail "desktop deb build"; }
ok "desktop deb built in $(( $(date +%s) - t0 )) s"
t0=$(date +%s)
"$INSTALLERS_DIR/desktop/build.sh" rpm >"$CHECK_DIR/build-desktop-rpm.log" 2>&1 || { tail -30 "$CHECK_DIR/build-desktop-rpm.log"; fail "desktop rpm build"; }
ok "desktop rpm built in $(( $(date +%s) - t0 )) s (not installed here: Debian)"
expect "the four artifacts exist" test -f "$SERVER_DEB" -a -f "$DESKTOP_DEB" -a -f "$DESKTOP_RPM" -a -x "$DESKTOP_IMAGE/bin/Omnichat"

say "package metadata (dpkg -I)"
field() { dpkg-deb -f "$1" "$2"; }
has_dep() { field "$1" Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//' | grep -qx "$2"; }
for deb in "$SERVER_DEB" "$DESKTOP_DEB"; do
    dpkg -I "$deb" >"$CHECK_DIR/$(basename "$deb").info"
    name="$(field "$deb" Package)"
    expect "$name: version $VERSION-1" test "$(field "$deb" Version)" = "$VERSION-1"
    expect "$name: maintainer '$(field "$deb" Maintainer)'" \
        grep -qE '^ Maintainer: Omnichat <[^@ ]+@[^@ ]+>$' "$CHECK_DIR/$(basename "$deb").info"
    expect "$name: architecture amd64, section net" \
        test "$(field "$deb" Architecture)/$(field "$deb" Section)" = "amd64/net"
    expect "$name: homepage" test -n "$(field "$deb" Homepage)"
    description="$(field "$deb" Description)"
    expect "$name: synopsis '$(head -1 <<<"$description")'" grep -q '^Omnichat ' <<<"$description"
    expect "$name: extended description ($(($(wc -l <<<"$description") - 1)) lines)" \
        test "$(wc -l <<<"$description")" -ge 4
    expect "$name: depends on libc6" has_dep "$deb" libc6
done
expect "omnichat: depends on libgtk-3-0" has_dep "$DESKTOP_DEB" libgtk-3-0
expect "omnichat: depends on xdg-utils (menu entry)" has_dep "$DESKTOP_DEB" xdg-utils
rpm -qpi "$DESKTOP_RPM" >"$CHECK_DIR/$(basename "$DESKTOP_RPM").info" 2>/dev/null
rpm -qpR "$DESKTOP_RPM" >"$CHECK_DIR/$(basename "$DESKTOP_RPM").requires" 2>/dev/null
expect "omnichat rpm: version $VERSION, release 1, vendor Omnichat" \
    bash -c "grep -q '^Version *: $VERSION$' '$CHECK_DIR/$(basename "$DESKTOP_RPM").info' && grep -q '^Release *: 1$' '$CHECK_DIR/$(basename "$DESKTOP_RPM").info' && grep -q '^Vendor *: Omnichat$' '$CHECK_DIR/$(basename "$DESKTOP_RPM").info'"
expect "omnichat rpm: requires gtk3 and xdg-utils" \
    bash -c "grep -qx gtk3 '$CHECK_DIR/$(basename "$DESKTOP_RPM").requires' && grep -qx xdg-utils '$CHECK_DIR/$(basename "$DESKTOP_RPM").requires'"
expect "omnichat-server: depends on adduser (system user)" has_dep "$SERVER_DEB" adduser
expect "omnichat-server: no X11, GTK or sound dependency" \
    bash -c "! dpkg-deb -f '$SERVER_DEB' Depends | grep -qE 'libx11|libgtk|libasound'"
server_info="$CHECK_DIR/$(basename "$SERVER_DEB").info"
expect "omnichat-server: maintainer scripts postinst, prerm, postrm" \
    bash -c "grep -q ' postinst ' '$server_info' && grep -q ' prerm ' '$server_info' && grep -q ' postrm ' '$server_info'"
dpkg -c "$SERVER_DEB" >"$CHECK_DIR/$(basename "$SERVER_DEB").contents"
expect "omnichat-server: ships /lib/systemd/system/omnichat-server.service" \
    grep -q ' ./lib/systemd/system/omnichat-server.service$' "$CHECK_DIR/$(basename "$SERVER_DEB").contents"

say "sizes"
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
desktop_deb_bytes=$(stat -c %s "$DESKTOP_DEB")
{
    echo "Omnichat $VERSION installer sizes ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
    echo "desktop deb        $(basename "$DESKTOP_DEB")  $(mb "$desktop_deb_bytes")  (limit 120 MB)"
    echo "desktop rpm        $(basename "$DESKTOP_RPM")  $(mb "$(stat -c %s "$DESKTOP_RPM")")"
    echo "desktop app image  $(mb $(( $(du -sk "$DESKTOP_IMAGE" | cut -f1) * 1024 )))  (installed: $(field "$DESKTOP_DEB" Installed-Size) KiB)"
    echo "desktop runtime    $(mb $(( $(du -sk "$DESKTOP_IMAGE/lib/runtime" | cut -f1) * 1024 )))"
    echo "server deb         $(basename "$SERVER_DEB")  $(mb "$(stat -c %s "$SERVER_DEB")")"
    echo "server installed   $(field "$SERVER_DEB" Installed-Size) KiB"
} | tee "$TARGET_DIR/sizes.txt"
expect "desktop deb under 120 MB" test "$desktop_deb_bytes" -lt 120000000

say "install both debs"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$SERVER_DEB" "$DESKTOP_DEB" >"$CHECK_DIR/install.log" 2>&1 \
    || { tail -20 "$CHECK_DIR/install.log"; fail "apt-get install of both debs"; }
ok "apt-get install ./omnichat-server ./omnichat"
expect "server installed under /opt/omnichat-server" test -x /opt/omnichat-server/bin/omnichat-server
expect "desktop installed under /opt/omnichat" test -x /opt/omnichat/bin/Omnichat
expect "desktop menu entry" bash -c 'ls /usr/share/applications/*omnichat*.desktop >/dev/null 2>&1'
expect "system user omnichat (system uid, no login shell)" \
    bash -c '[ "$(id -u omnichat)" -lt 1000 ] && getent passwd omnichat | grep -q ":/usr/sbin/nologin$"'
perm() { stat -c '%U:%G %a' "$1"; }
expect "/var/lib/omnichat is omnichat:omnichat 700 ($(perm /var/lib/omnichat))" \
    test "$(perm /var/lib/omnichat)" = "omnichat:omnichat 700"
CONFIG=/etc/omnichat/omnichat.env
expect "$CONFIG is root:omnichat 640 ($(perm $CONFIG))" test "$(perm $CONFIG)" = "root:omnichat 640"
expect "$CONFIG holds a generated 64-hex-digit JWT_SECRET and the data directory" \
    bash -c "grep -qE '^JWT_SECRET=[0-9a-f]{64}$' $CONFIG && grep -qx 'OMNICHAT_DATA_DIR=/var/lib/omnichat' $CONFIG"
config_sum="$(sha256sum $CONFIG)"

# --- the server, started as its unit would start it -------------------------------------------------------------
UNIT=/lib/systemd/system/omnichat-server.service
unit_value() { sed -n "s/^$1=//p" "$UNIT" | head -1; }
free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 20000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}
PORT_CHECK=""
start_server() {
    local log="$1"
    PORT_CHECK="$(free_port)"
    # The unit's User, EnvironmentFile, WorkingDirectory and ExecStart; the port is moved off 8000, which a
    # developer's own server may hold, and the first admin gets a known password so the check can sign in.
    # setpriv execs (no parent left in between), so $server_pid is the server's own process.
    setpriv --reuid "$(unit_value User)" --regid "$(unit_value Group)" --init-groups \
        env -i PATH=/usr/bin:/bin bash -c '
        set -a; . "$1"; set +a
        export PORT="$2" OMNICHAT_ADMIN_PASSWORD="$3"
        cd "$4" && exec $5' _ "$(unit_value EnvironmentFile)" "$PORT_CHECK" "$ADMIN_PASSWORD" \
        "$(unit_value WorkingDirectory)" "$(unit_value ExecStart)" >"$log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 180); do
        if curl -fsS "http://127.0.0.1:$PORT_CHECK/health" >"$CHECK_DIR/health.json" 2>/dev/null; then return 0; fi
        kill -0 "$server_pid" 2>/dev/null || { cat "$log"; fail "the server exited"; }
        sleep 1
    done
    cat "$log"; fail "no /health within 180 s"
}
stop_server() {
    kill "$server_pid"
    local status=0
    wait "$server_pid" || status=$?
    server_pid=""
    # 143: the JVM ended by SIGTERM after its shutdown hook, which the unit counts as success (SuccessExitStatus).
    expect "server stopped cleanly on SIGTERM (exit $status)" test "$status" -eq 143 -o "$status" -eq 0
}
# The unit's ExecStartPost (the readiness wait), run as start_server runs ExecStart; systemd's own unescaping of
# "$$" and "\\" first.
unit_ready() {
    local line
    line="$(unit_value ExecStartPost | sed 's/\$\$/$/g; s/\\\\/\\/g')"
    setpriv --reuid "$(unit_value User)" --regid "$(unit_value Group)" --init-groups \
        env -i PATH=/usr/bin:/bin bash -c 'set -a; . "$1"; set +a; export PORT="$2"; eval "$3"' \
        _ "$(unit_value EnvironmentFile)" "$PORT_CHECK" "$line" >"$CHECK_DIR/ready-wait.log" 2>&1
}
api() { curl -fsS "$@"; }
sign_in() {
    api -d username=admin@dwc.com -d "password=$ADMIN_PASSWORD" "http://127.0.0.1:$PORT_CHECK/api/v1/auth/login" \
        | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}
message_stored() {
    local token
    token="$(sign_in)"
    api -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT_CHECK/admin/api/messages/$VISITOR/webchat" \
        | grep -qF "$MESSAGE"
}

say "server: the unit's ExecStart ($(unit_value ExecStart)) as $(unit_value User)"
start_server "$CHECK_DIR/server-1.log"
expect "GET /health: $(cat "$CHECK_DIR/health.json")" grep -q '"status":"running".*"db":"ok"' "$CHECK_DIR/health.json"
expect "the server runs on its own runtime (/opt/omnichat-server/lib/runtime)" \
    grep -q /opt/omnichat-server/lib/runtime/lib/server/libjvm.so "/proc/$server_pid/maps"
expect "the server process runs as omnichat" test "$(ps -o user= -p "$server_pid")" = omnichat
expect "the database is in /var/lib/omnichat" test -f /var/lib/omnichat/omnichat.db
expect "a visitor message is accepted (POST /webchat)" \
    api -H 'Content-Type: application/json' -d "{\"user_id\":\"$VISITOR\",\"text\":\"$MESSAGE\"}" \
        "http://127.0.0.1:$PORT_CHECK/webchat" -o /dev/null
expect "the admin signs in and reads the message back" message_stored

say "server: probes and metrics (README: Operating the server)"
expect "the unit's ExecStartPost readiness wait returns at once on a ready server" unit_ready
api "http://127.0.0.1:$PORT_CHECK/health/live" >"$CHECK_DIR/live.json"
expect "GET /health/live: $(cat "$CHECK_DIR/live.json")" grep -q '"status":"live"' "$CHECK_DIR/live.json"
api "http://127.0.0.1:$PORT_CHECK/health/ready" >"$CHECK_DIR/ready.json"
expect "GET /health/ready: $(cat "$CHECK_DIR/ready.json")" \
    grep -q '"status":"ready".*"database":{"status":"ok"}' "$CHECK_DIR/ready.json"
api "http://127.0.0.1:$PORT_CHECK/metrics" >"$CHECK_DIR/metrics.txt"
expect "GET /metrics from this machine: $(grep -c '^omnichat_' "$CHECK_DIR/metrics.txt") omnichat samples, the visitor message counted" \
    grep -qE '^omnichat_messages_total\{channel="webchat",sender="user"\} [1-9]' "$CHECK_DIR/metrics.txt"
expect "GET /metrics: omnichat_build_info names version $VERSION" \
    grep -qE "^omnichat_build_info\\{.*version=\"$VERSION\"" "$CHECK_DIR/metrics.txt"
expect "GET /metrics: the JVM, process and Jetty binders report from the jlinked runtime" \
    bash -c "grep -q '^jvm_memory_used_bytes' '$CHECK_DIR/metrics.txt' && grep -q '^process_cpu_usage' '$CHECK_DIR/metrics.txt' \
        && grep -q '^jvm_gc_' '$CHECK_DIR/metrics.txt' && grep -q '^jetty_threads_busy' '$CHECK_DIR/metrics.txt'"
proxied_status="$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-For: 203.0.113.7' "http://127.0.0.1:$PORT_CHECK/metrics")"
expect "GET /metrics through a proxy, no OMNICHAT_METRICS_TOKEN configured: refused ($proxied_status)" \
    test "$proxied_status" = 403
stop_server

say "server: upgrade to $VERSION-2 (rebuilt from the same app image)"
"$INSTALLERS_DIR/server/build-deb.sh" --reuse-image --release 2 >"$CHECK_DIR/build-server-2.log" 2>&1 \
    || { tail -30 "$CHECK_DIR/build-server-2.log"; fail "server deb -2 build"; }
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$SERVER_DEB_UPGRADE" >"$CHECK_DIR/upgrade.log" 2>&1 \
    || { tail -20 "$CHECK_DIR/upgrade.log"; fail "apt-get install of the upgrade"; }
expect "installed version is now $VERSION-2" test "$(dpkg-query -W -f '${Version}' omnichat-server)" = "$VERSION-2"
expect "$CONFIG unchanged by the upgrade (same secret)" test "$(sha256sum $CONFIG)" = "$config_sum"
expect "data directory kept, still omnichat:omnichat 700" test "$(perm /var/lib/omnichat)" = "omnichat:omnichat 700"
start_server "$CHECK_DIR/server-2.log"
expect "GET /health after the upgrade: $(cat "$CHECK_DIR/health.json")" grep -q '"db":"ok"' "$CHECK_DIR/health.json"
expect "the message stored before the upgrade is still there" message_stored

# --- backups and restore, as the timer's service and an operator run them ---------------------------------------------
BACKUP_UNIT=/lib/systemd/system/omnichat-server-backup.service
BACKUPS=/var/lib/omnichat/backups
# A unit's command line as systemd would run it: as its User, with its Environment= default overridden by its
# EnvironmentFile, in its WorkingDirectory, ${VAR} expanded from that environment.
run_as_unit() {
    local unit="$1" line="$2"
    setpriv --reuid "$(sed -n 's/^User=//p' "$unit")" --regid "$(sed -n 's/^Group=//p' "$unit")" --init-groups \
        env -i PATH=/usr/bin:/bin bash -c '
        set -a; if [ -n "$2" ]; then export "$2"; fi; . "$1"; set +a
        cd "$3" && eval "exec $4"' _ "$(sed -n 's/^EnvironmentFile=//p' "$unit")" \
        "$(sed -n 's/^Environment=//p' "$unit" | head -1)" "$(sed -n 's/^WorkingDirectory=//p' "$unit")" "$line"
}
operator_command() { run_as_unit "$UNIT" "/opt/omnichat-server/bin/omnichat-server $*"; }
text_absent() {
    local messages
    messages="$(api -H "Authorization: Bearer $(sign_in)" "http://127.0.0.1:$PORT_CHECK/admin/api/messages/$VISITOR/webchat")"
    ! grep -qF "$1" <<<"$messages"
}

say "backups: the daily timer's service ($(sed -n 's/^ExecStart=//p' "$BACKUP_UNIT")) under the running server"
expect "the package ships the backup service and timer, and enables the timer" \
    test -f "$BACKUP_UNIT" -a -f /lib/systemd/system/omnichat-server-backup.timer \
        -a -L /etc/systemd/system/timers.target.wants/omnichat-server-backup.timer
echo "OMNICHAT_BACKUP_KEEP=2" >>"$CONFIG"
for n in 1 2 3; do
    run_as_unit "$BACKUP_UNIT" "$(sed -n 's/^ExecStart=//p' "$BACKUP_UNIT")" >"$CHECK_DIR/backup-$n.log" 2>&1 \
        || { cat "$CHECK_DIR/backup-$n.log"; fail "backup run $n"; }
    sleep 1
done
sed -i '/^OMNICHAT_BACKUP_KEEP=2$/d' "$CONFIG"
expect "a backup while the server runs: $(head -1 "$CHECK_DIR/backup-3.log")" \
    grep -q 'integrity_check: ok' "$CHECK_DIR/backup-3.log"
expect "row counts of the copy beside the source's: $(grep -E '^ +messages ' "$CHECK_DIR/backup-3.log" | tr -s ' ')" \
    grep -qE '^ +messages +([0-9]+) +\1$' "$CHECK_DIR/backup-3.log"
backups=("$BACKUPS"/omnichat-*.db)
expect "OMNICHAT_BACKUP_KEEP=2 in $CONFIG: the 2 newest of 3 kept (${#backups[@]})" test "${#backups[@]}" -eq 2
expect "$BACKUPS is omnichat:omnichat 700, each backup omnichat:omnichat 600" \
    bash -c "[ \"\$(stat -c '%U:%G %a' $BACKUPS)\" = 'omnichat:omnichat 700' ] \
        && ! stat -c '%U:%G %a' $BACKUPS/omnichat-*.db | grep -vqx 'omnichat:omnichat 600'"
latest_backup="${backups[-1]}"
LATE_MESSAGE="Sent after the backup $$"
expect "a message sent after the backup is stored" \
    api -H 'Content-Type: application/json' -d "{\"user_id\":\"$VISITOR\",\"text\":\"$LATE_MESSAGE\"}" \
        "http://127.0.0.1:$PORT_CHECK/webchat" -o /dev/null
if operator_command restore --from "$latest_backup" >"$CHECK_DIR/restore-refused.log" 2>&1; then
    fail "restore ran while the server was running"
fi
expect "restore refused while the server runs: $(head -1 "$CHECK_DIR/restore-refused.log")" \
    grep -q 'is using the data directory' "$CHECK_DIR/restore-refused.log"
stop_server
operator_command restore --from "$latest_backup" >"$CHECK_DIR/restore.log" 2>&1 \
    || { cat "$CHECK_DIR/restore.log"; fail "restore with the server stopped"; }
expect "restore: $(head -1 "$CHECK_DIR/restore.log")" grep -q 'integrity_check: ok' "$CHECK_DIR/restore.log"
expect "restore kept the previous database: $(ls /var/lib/omnichat | grep before-restore | tr '\n' ' ')" \
    bash -c 'ls /var/lib/omnichat/omnichat.db.before-restore-* >/dev/null 2>&1'
expect "the restored database is omnichat:omnichat 600" \
    test "$(perm /var/lib/omnichat/omnichat.db)" = "omnichat:omnichat 600"
start_server "$CHECK_DIR/server-3.log"
expect "after the restore, the message from before the backup is there" message_stored
expect "and the one sent after the backup is not" text_absent "$LATE_MESSAGE"

# --- the desktop app, as a user of its own, against the upgraded server ----------------------------------------------
say "desktop: the installed app under Xvfb, as a new user $DESKTOP_USER"
useradd --create-home --shell /bin/bash "$DESKTOP_USER"
user_home="$(getent passwd "$DESKTOP_USER" | cut -d: -f6)"
session_dir="$(mktemp -d)"
cp "$INSTALLERS_DIR/desktop/session-under-x.sh" "$session_dir/"
chown -R "$DESKTOP_USER:" "$session_dir"
# One desktop session as that user, in its own Xvfb: session-under-x.sh says what each mode does.
desktop_session() {
    runuser -u "$DESKTOP_USER" -- env -u JAVA_HOME HOME="$user_home" timeout 200 \
        xvfb-run -a -s "-screen 0 1280x800x24" "$session_dir/session-under-x.sh" "$session_dir" "$@"
}
SERVER_URL="http://127.0.0.1:$PORT_CHECK"
if ! desktop_session sign-in "$SERVER_URL" admin@dwc.com "$ADMIN_PASSWORD"; then
    echo "  the first session failed; the app's log:"; sed 's/^/    /' "$session_dir/desktop-sign-in.log" | head -20
    cp "$session_dir/desktop-sign-in.log" "$CHECK_DIR/desktop-first-session.log"
    echo "  WARNING: starting it once more"
    desktop_session sign-in "$SERVER_URL" admin@dwc.com "$ADMIN_PASSWORD" \
        || { sed 's/^/    /' "$session_dir/desktop-sign-in.log" | head -40; fail "the desktop app did not sign in"; }
fi
cp "$session_dir"/*.png "$SHOTS_DIR/" && cp "$session_dir"/*.log "$CHECK_DIR/" || true
SHOT="$SHOTS_DIR/desktop-sign-in.png"
expect "the sign-in window appeared; screenshot $SHOT ($(stat -c %s "$SHOT") bytes)" test "$(stat -c %s "$SHOT")" -gt 10000
expect "the desktop app runs on its own runtime (/opt/omnichat/lib/runtime)" grep -qx own-runtime "$session_dir/desktop-runtime.txt"
expect "typed $SERVER_URL and the admin's account into the sign-in screen: main window $(cat "$session_dir/desktop-title.txt")" \
    test -f "$SHOTS_DIR/desktop-signed-in.png"
PREFS="$user_home/.java/.userPrefs/com/omnichat/desktop/prefs.xml"
expect "the server URL is kept in $DESKTOP_USER's own preferences ($PREFS)" \
    bash -c "grep -qF 'value=\"$SERVER_URL\"' '$PREFS' && [ \"\$(stat -c %U '$PREFS')\" = '$DESKTOP_USER' ]"
desktop_session resumed || { sed 's/^/    /' "$session_dir/desktop-resumed.log" | head -40; fail "the saved session did not open"; }
cp "$session_dir/desktop-resumed.png" "$SHOTS_DIR/"
expect "started again, it opens $DESKTOP_USER's saved session: $(cat "$session_dir/desktop-title.txt")" \
    test -f "$SHOTS_DIR/desktop-resumed.png"
rm -rf "$session_dir"
userdel --remove "$DESKTOP_USER" 2>/dev/null || true
stop_server

# --- removal -----------------------------------------------------------------------------------------------------
say "remove and purge"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq omnichat-server omnichat >"$CHECK_DIR/remove.log" 2>&1 \
    || { tail -20 "$CHECK_DIR/remove.log"; fail "apt-get remove"; }
expect "remove: programs gone" test ! -e /opt/omnichat-server -a ! -e /opt/omnichat
expect "remove: menu entry gone" bash -c '! ls /usr/share/applications/*omnichat*.desktop >/dev/null 2>&1'
expect "remove: server settings and data kept" test -f $CONFIG -a -f /var/lib/omnichat/omnichat.db
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq omnichat-server omnichat >"$CHECK_DIR/purge.log" 2>&1 \
    || { tail -20 "$CHECK_DIR/purge.log"; fail "apt-get purge"; }
expect "purge: settings and data deleted" test ! -e /etc/omnichat -a ! -e /var/lib/omnichat
expect "purge: no package left" bash -c '! dpkg -l omnichat omnichat-server 2>/dev/null | grep -q "^[ir]"'

elapsed=$(( $(date +%s) - started_at ))
echo
cat "$TARGET_DIR/sizes.txt"
echo "screenshot: $SHOT"
echo "installers check: $passed passed, 0 failed ($elapsed s)"
