#!/usr/bin/env bash
# Runs the whole Colloquy platform on this machine, without Docker: a Kafka broker (a real process, data under
# ./.local/), one PostgreSQL database per service, every service and the gateway. Ctrl-C stops everything.
#
#   ./run-local.sh                  build what is missing, then start
#   ./run-local.sh --build          rebuild everything first (after changing code)
#   ./run-local.sh --replicas 2     two instances of each service (8081 and 8181, ...), balanced by the gateway
#                                   (with --build: ./run-local.sh --build --replicas 2)
#
# Needs Java 17+ and a PostgreSQL server (default 127.0.0.1:5432, user postgres; see COLLOQUY_POSTGRES_URL). With a
# JDK 25 in COLLOQUY_JAVA_HOME the services run on it with ahead-of-time caches, made once per build from a training
# start.
set -euo pipefail
cd "$(dirname "$0")"

jars=(local-platform/target/local-platform.jar
      user-service/target/quarkus-app/quarkus-run.jar article-service/target/quarkus-app/quarkus-run.jar
      comment-service/target/quarkus-app/quarkus-run.jar notification-service/target/quarkus-app/quarkus-run.jar
      api-gateway/target/quarkus-app/quarkus-run.jar)

build=false
if [[ "${1:-}" == "--build" ]]; then
  build=true
  shift
fi
for jar in "${jars[@]}"; do
  [[ -f "$jar" ]] || build=true
done
if $build; then
  echo "Building (./mvnw install -DskipTests) ..."
  ./mvnw -q install -DskipTests
fi

exec java -Dcolloquy.root="$PWD" -cp "local-platform/target/local-platform.jar:local-platform/target/lib/*" \
  org.colloquy.platform.LocalPlatform "$@"
