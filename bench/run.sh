#!/usr/bin/env bash
# Builds and runs the delivery benchmark (see docs/benchmarks.md). Options go to DeliveryBenchmark; a first
# argument --fairness runs FairnessBenchmark (a healthy endpoint beside a stalled one) instead.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/java-env.sh
. "$ROOT/scripts/java-env.sh"
JAVA="$(find_java)"
JAVA_HOME_FOUND="$(cd "$(dirname "$JAVA")/.." && pwd)"
(cd "$ROOT" && JAVA_HOME="$JAVA_HOME_FOUND" MAVEN_OPTS="${MAVEN_OPTS:-} $(maven_opts)" \
  ./mvnw -q -B -DskipTests -pl bench -am package) >&2
MAIN=dev.herald.bench.DeliveryBenchmark
if [ "${1:-}" = "--fairness" ]; then
  MAIN=dev.herald.bench.FairnessBenchmark
  shift
fi
exec "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx2g ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile=logback-bench.xml \
  -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" "$MAIN" "$@"
