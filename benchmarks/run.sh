#!/usr/bin/env bash
# The Colloquy benchmark: builds what it needs, starts the platform on free ports with its own databases, runs every
# scenario and its baselines, writes benchmarks/results/<UTC time>/report.md and stops everything again.
# Durations and sizes: see benchmarks/README.md (BENCH_* environment variables). --no-build skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pgbench >/dev/null; then
  echo "pgbench is missing (Debian: apt-get install postgresql-client)." >&2
  exit 1
fi

if [[ "${1:-}" != "--no-build" ]]; then
  echo "Building the platform, the bare app and the benchmark..."
  ./mvnw -q -B -Pbenchmarks package -DskipTests \
    -pl user-service,article-service,comment-service,notification-service,api-gateway,local-platform,benchmarks,benchmarks/bare-app -am
fi

exec java -Djava.awt.headless=true -Dcolloquy.root="$PWD" -Xmx1g \
  -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" org.colloquy.benchmarks.Benchmark
