#!/bin/sh
# GC benchmark: Wharf's online collector against CNCF Distribution's offline `garbage-collect` on the same content.
# Usage: bench/gc/run.sh [manifests] (default 10000 manifests = 100,000 blobs). Writes under ${BENCH_DIR:-/tmp/wharf-gc-bench}.
set -eu
cd "$(dirname "$0")/../.."
MANIFESTS=${1:-10000}
DIR=${BENCH_DIR:-/tmp/wharf-gc-bench}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
mvn -B -o -q compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null
CP="target/classes:$(cat target/bench-cp.txt)"
mkdir -p target/bench-classes
"${JAVA%/java}/javac" -nowarn -d target/bench-classes -cp "$CP" bench/gc/GcBench.java
CP="target/bench-classes:$CP"
measure() { # label, command...: prints elapsed seconds and peak RSS
  label=$1; shift
  /usr/bin/time -f "$label: elapsed %e s, peak RSS %M KB" "$@" 2>&1 | grep -v '^WARNING\|level=\|^time=\|eligible for deletion\|marking\|Deleting' | tail -3
}
for GARBAGE in 10 0; do
  rm -rf "$DIR"; mkdir -p "$DIR"
  echo "== $MANIFESTS manifests, $((MANIFESTS * 10)) blobs, $GARBAGE% untagged"
  "$JAVA" -cp "$CP" GcBench seed "$DIR/wharf" "$DIR/dist" "$MANIFESTS" "$GARBAGE"
  sync
  measure "wharf dry run" "$JAVA" -Xmx256m -cp "$CP" GcBench gc "$DIR/wharf" dry
  measure "wharf" "$JAVA" -Xmx256m -cp "$CP" GcBench gc "$DIR/wharf"
  cat > "$DIR/dist.yml" <<YML
version: 0.1
storage:
  filesystem:
    rootdirectory: $DIR/dist
  delete:
    enabled: true
YML
  measure "distribution dry run" /usr/bin/docker-registry garbage-collect --dry-run --delete-untagged "$DIR/dist.yml"
  measure "distribution" /usr/bin/docker-registry garbage-collect --delete-untagged "$DIR/dist.yml"
  echo "wharf blob files left: $(find "$DIR/wharf/blobs" -type f | wc -l)," \
       "distribution blob data files left: $(find "$DIR/dist/docker/registry/v2/blobs" -name data | wc -l)"
done
