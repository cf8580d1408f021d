#!/usr/bin/env bash
# An HTML flame graph of the monitor under the bench load (io.entroflow.bench.FlameGraphBench, async-profiler).
# Usage: bench/flamegraph.sh out=docs/flamegraphs/monitor-after.html [spec=FILE] [events=500000] [keys=1000]
#        [variant=monitor] [event=cpu|itimer|wall|alloc] [interval=1ms] [threads=stream|all] [warmup=0]
#        [latency=30s [latency-warmup=10s]: the latency run at rate= instead of a throughput run]
#        [kafka-config=FILE] [partitions=2] [collapsed=FILE]
# Builds bench/target/benchmarks.jar when it is missing, then runs from the repository root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
if [ ! -f "$jar" ] || [ -n "${REBUILD:-}" ]; then
  (cd "$root" && mvn -B -q -pl bench -am package -DskipTests) >&2
fi
cd "$root"
# DebugNonSafepoints: samples are attributed to the exact inlined frame, not the nearest safepoint
exec java -Xmx2g -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints ${BENCH_JAVA_OPTS:-} \
  -cp "$jar" io.entroflow.bench.FlameGraphBench "$@"
