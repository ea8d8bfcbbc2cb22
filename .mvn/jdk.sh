# Sourced by ./mvnw and ./solvent: makes JAVA_HOME point at a JDK 21 or newer.
# Order: JAVA_HOME, then `java` on PATH, then the usual install folders (newest first).
# Prints one line saying what to do when there is none, and returns 1.

solvent_java_feature() {
  # the feature release of the java binary $1 (8 for 1.8, 17, 21, 25, ...), or nothing
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \(1\.\)\{0,1\}\([0-9][0-9]*\).*/\2/p' | head -n 1
}

solvent_find_jdk() {
  # mvnw runs with globbing off (set -f); the folder scan needs it
  case $- in
    *f*) set +f; solvent_find_jdk_scan; r=$?; set -f ;;
    *) solvent_find_jdk_scan; r=$? ;;
  esac
  [ "$r" -eq 0 ] || return "$r"
  # Maven 3.9's Guice calls sun.misc.Unsafe; JDK 24+ warns on every build unless told it is allowed
  v=$(solvent_java_feature "$JAVA_HOME/bin/java")
  if [ -n "$v" ] && [ "$v" -ge 24 ]; then
    case " ${MAVEN_OPTS:-} " in
      *sun-misc-unsafe-memory-access*) ;;
      *) MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
    esac
  fi
  return 0
}

solvent_find_jdk_scan() {
  solvent_min=21
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(solvent_java_feature "$JAVA_HOME/bin/java")
    if [ -n "$v" ] && [ "$v" -ge "$solvent_min" ]; then return 0; fi
  fi
  if command -v javac >/dev/null 2>&1 && command -v java >/dev/null 2>&1; then
    v=$(solvent_java_feature java)
    if [ -n "$v" ] && [ "$v" -ge "$solvent_min" ]; then
      javac_path=$(command -v javac)
      while [ -L "$javac_path" ]; do
        link=$(readlink "$javac_path")
        case "$link" in /*) javac_path=$link ;; *) javac_path=$(dirname "$javac_path")/$link ;; esac
      done
      JAVA_HOME=$(cd "$(dirname "$javac_path")/.." && pwd)
      export JAVA_HOME
      return 0
    fi
  fi
  best=""
  best_v=0
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -x "$home/bin/javac" ] || continue
    v=$(solvent_java_feature "$home/bin/java")
    if [ -n "$v" ] && [ "$v" -ge "$solvent_min" ] && [ "$v" -gt "$best_v" ]; then
      best=$home
      best_v=$v
    fi
  done
  if [ -n "$best" ]; then
    JAVA_HOME=$best
    export JAVA_HOME
    return 0
  fi
  echo "solvent: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH and /usr/lib/jvm); install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+, or set JAVA_HOME to it." >&2
  return 1
}
