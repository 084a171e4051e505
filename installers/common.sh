# Shared by the installer scripts: sourced, not run.
# Paths, the version from the POM, the jlink options, and a check that a tool is there.

INSTALLERS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$INSTALLERS_DIR/.." && pwd)"
TARGET_DIR="$INSTALLERS_DIR/target"

# Smaller runtime: no debug attributes, man pages, headers or JDK tools (jlink's strip needs objcopy, from binutils).
JLINK_OPTIONS="--strip-debug --no-man-pages --no-header-files --strip-native-commands --compress=2"

VENDOR="Omnichat"
# jpackage writes the Maintainer field as "<vendor> <email>".
MAINTAINER_EMAIL="packaging@omnichat.example"
HOMEPAGE="https://omnichat.example"
COPYRIGHT="Copyright Omnichat"

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }

# The project version every module inherits from the parent POM (the <version> after omnichat-parent).
project_version() {
    sed -n '/<artifactId>omnichat-parent<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q;}' "$REPO_DIR/pom.xml"
}

require_tool() {
    command -v "$1" >/dev/null 2>&1 || die "$1 is needed ($2)"
}

# jpackage and jlink of the JDK that runs the build (JAVA_HOME first, then the one on PATH).
jdk_tool() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/$1" ]; then echo "$JAVA_HOME/bin/$1"; else command -v "$1"; fi
}

mvnw() {
    (cd "$REPO_DIR" && ./mvnw -B -q "$@")
}
