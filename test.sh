#!/usr/bin/env bash
# Runs every test suite. Installs, with apt-get, what the tests need and the machine lacks.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v curl >/dev/null 2>&1 || command -v wget >/dev/null 2>&1 || need+=(curl)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
# The widget's browser tests drive Debian's Chromium through its chromedriver (no downloads at test time).
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

./mvnw -B verify "$@"
