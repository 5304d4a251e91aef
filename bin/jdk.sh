# Sourced by bin/wharf and bin/test: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: $JAVA_HOME, the `java` on PATH, then every JDK under /usr/lib/jvm (newest first).

wharf_java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

wharf_find_jdk() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${c%/}"); done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(wharf_java_major "$c/bin/java")
    if [ -n "$v" ] && [ "${v%%.*}" -ge 21 ] 2>/dev/null; then
      echo "$c"
      return 0
    fi
  done
  return 1
}

if ! WHARF_JDK=$(wharf_find_jdk); then
  echo "wharf: needs a JDK 21 or newer (java and javac). None found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
  echo "wharf: install one (e.g. 'apt-get install openjdk-21-jdk') or set JAVA_HOME." >&2
  exit 1
fi
export JAVA_HOME="$WHARF_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
