# Shared by ./el2studio and tests/p2-install.sh (source it; needs bash). Not executable on its own.
# Sets EL2_ROOT; provides find_java, mvnw_run, ensure_packages.

EL2_ROOT=${EL2_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
EL2_VERSION=0.1.0-SNAPSHOT
EL2_TYCHO=5.0.2

el2_die() { echo "el2studio: $*" >&2; exit 1; }

# Java feature version of a java binary (17, 21, 25 ...), empty if it does not run.
java_feature() {
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

# find_java: exports JAVA_HOME pointing at a JDK 21 or newer (JAVA_HOME if it is one, else
# /usr/lib/jvm/temurin-25*, else any /usr/lib/jvm/* of version 21 or newer).
find_java() {
  local candidate v
  for candidate in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/temurin-25* /usr/lib/jvm/*; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    v=$(java_feature "$candidate/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then
      export JAVA_HOME=$candidate
      # Maven 3.9 (Guice) on Java 24+ warns about sun.misc.Unsafe at every start: allow it quietly
      if [ "$v" -ge 24 ] && [[ "${MAVEN_OPTS:-}" != *sun-misc-unsafe* ]]; then
        export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
      fi
      return 0
    fi
  done
  echo "el2studio: no JDK 21 or newer found (looked at JAVA_HOME=${JAVA_HOME:-unset} and /usr/lib/jvm/*)." >&2
  echo "el2studio: install a JDK 21+ (for example Eclipse Temurin 21 or 25 into /usr/lib/jvm) or set JAVA_HOME to one." >&2
  exit 1
}

# mvnw_run ARGS...: runs the Maven wrapper from the repository root. Offline first when the
# local repository already holds Tycho; if that fails only because something was never
# downloaded, once more online. Output goes to stdout; EL2_MVN_LOG (if set) receives a copy.
mvnw_run() {
  local log rc
  log=$(mktemp "${TMPDIR:-/tmp}/el2studio-mvn.XXXXXX")
  if [ -d "$HOME/.m2/repository/org/eclipse/tycho/tycho-maven-plugin/$EL2_TYCHO" ] && [ "${EL2_ONLINE:-}" != 1 ]; then
    set +e
    (cd "$EL2_ROOT" && ./mvnw -o "$@") 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    set -e
    if [ "$rc" -ne 0 ] && grep -qE '^\[ERROR\].*(offline|has not been downloaded|Could not (resolve|transfer|find artifact))' "$log"; then
      echo "el2studio: the offline build lacks artifacts; building again online" >&2
    else
      [ -n "${EL2_MVN_LOG:-}" ] && cat "$log" >> "$EL2_MVN_LOG"
      rm -f "$log"
      return "$rc"
    fi
  fi
  set +e
  (cd "$EL2_ROOT" && ./mvnw "$@") 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  [ -n "${EL2_MVN_LOG:-}" ] && cat "$log" >> "$EL2_MVN_LOG"
  rm -f "$log"
  return "$rc"
}

# ensure_packages PKG...: installs the Debian packages that are missing (as root), or stops
# with the exact command to run.
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "el2studio: missing Debian packages: ${missing[*]}" >&2
    echo "el2studio: run as root:  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "el2studio: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q "${missing[@]}" >/dev/null
}
