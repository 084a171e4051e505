#!/usr/bin/env bash
# Starts Omnichat for local use: builds the server, then runs it on embedded SQLite in ./data (development mode).
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q -B -DskipTests -pl server -am package
export OMNICHAT_ENV="${OMNICHAT_ENV:-development}"
exec java -jar server/target/omnichat-server.jar "$@"
