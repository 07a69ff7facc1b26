# Shared by ./herald and bench/run.sh: find a JDK >= 21 without relying on the default java.
MIN_JAVA=21

java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

find_java() {
  local candidates=() best="" best_version=0 c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  for c in /usr/lib/jvm/*/bin/java /opt/java/*/bin/java /opt/*jdk*/bin/java /usr/local/*jdk*/bin/java \
           "$HOME"/.sdkman/candidates/java/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    [ -x "$c" ] && candidates+=("$c")
  done
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for c in "${candidates[@]}"; do
    v="$(java_major "$c")"
    if [ -n "$v" ] && [ "$v" -ge "$MIN_JAVA" ] && [ "$v" -gt "$best_version" ]; then
      best="$c"; best_version="$v"
    fi
  done
  if [ -z "$best" ]; then
    echo "herald: no Java $MIN_JAVA or newer found (looked at JAVA_HOME, /usr/lib/jvm, /opt and PATH)." >&2
    echo "herald: install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+, or set JAVA_HOME." >&2
    exit 1
  fi
  echo "$best"
}

maven_opts() { # quiets JDK 24+'s warning about Maven's own use of sun.misc.Unsafe
  [ "$(java_major "$JAVA")" -ge 24 ] && echo "--sun-misc-unsafe-memory-access=allow" || true
}
