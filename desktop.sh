#!/usr/bin/env bash
# Starts the desktop staff app (needs a display). Sign in to the local server (./run.sh) at http://localhost:8000.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q -B -DskipTests -pl desktop-client -am package
mapfile -t jvm_options < <(grep -v '^#' desktop-client/app-jvm-options)
exec java "${jvm_options[@]}" -cp "desktop-client/target/omnichat-desktop.jar:desktop-client/target/lib/*" com.omnichat.desktop.Launcher "$@"
