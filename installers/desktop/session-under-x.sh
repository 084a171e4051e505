#!/usr/bin/env bash
# Used by installers/check.sh, run inside xvfb-run: starts the installed desktop app, waits for a window, takes
# screenshots and (optionally) signs in through the sign-in screen with xdotool. Exits non-zero when the expected
# window does not show up. The app's log goes to $OUT/desktop-<mode>.log.
#
#   session-under-x.sh OUT sign-in-screen                 # the sign-in window: desktop-sign-in.png
#   session-under-x.sh OUT sign-in URL EMAIL PASSWORD     # ... then type the server URL and the account, press Enter,
#                                                         # wait for the main window: desktop-signed-in.png
#   session-under-x.sh OUT resumed                        # a saved session opens the main window: desktop-resumed.png
set -uo pipefail
OUT="$1" mode="$2"
LAUNCHER=/opt/omnichat/bin/Omnichat

"$LAUNCHER" >"$OUT/desktop-$mode.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null' EXIT

# Waits until a top-level window's title matches the pattern and not the exclusion (grep -E, case-insensitive);
# prints the title.
wait_for_title() {
    local pattern="$1" exclude="$2" seconds="$3" title
    for _ in $(seq 1 "$seconds"); do
        kill -0 $app 2>/dev/null || { echo "the app exited" >&2; return 1; }
        title="$(xwininfo -root -tree | grep -oiE "\"Omnichat[^\"]*\"" | grep -iE "$pattern" | grep -viE "$exclude" | head -1)"
        if [ -n "$title" ]; then echo "$title"; return 0; fi
        sleep 1
    done
    echo "no window matching $pattern within $seconds s" >&2
    return 1
}

shot() {
    sleep 3    # the window maps before its first frame is drawn
    import -window root "$OUT/$1"
}

case "$mode" in
    sign-in-screen|sign-in)
        wait_for_title "sign in" "^$" 90 >"$OUT/desktop-title.txt" || exit 1
        grep -q /opt/omnichat/lib/runtime/lib/server/libjvm.so "/proc/$app/maps" \
            && echo own-runtime >"$OUT/desktop-runtime.txt"
        shot desktop-sign-in.png
        [ "$mode" = sign-in ] || exit 0
        url="$3" email="$4" password="$5"
        # No window manager: keys go to the window under the pointer. The server field has the focus.
        xdotool mousemove 640 400
        xdotool key --clearmodifiers ctrl+a
        xdotool type --delay 30 "$url"
        xdotool key Tab
        xdotool type --delay 30 "$email"
        xdotool key Tab
        xdotool type --delay 30 "$password"
        xdotool key Return
        wait_for_title "Omnichat [^ ]+ " "sign in" 60 >"$OUT/desktop-title.txt" || { shot desktop-sign-in-failed.png; exit 1; }
        shot desktop-signed-in.png
        ;;
    resumed)
        wait_for_title "Omnichat [^ ]+ " "sign in" 90 >"$OUT/desktop-title.txt" || exit 1
        shot desktop-resumed.png
        ;;
    *)
        echo "unknown mode $mode" >&2
        exit 2
        ;;
esac
