#!/usr/bin/env bash
# Builds the JVM container image of every application (each module with src/main/docker/Dockerfile.jvm) as
# colloquy/<module>:<version>, after packaging the applications. Needs a Docker engine (or podman: DOCKER=podman).
#
#   deploy/build-images.sh                 # build, tag colloquy/<module>:<project version>
#   VERSION=1.0.0 deploy/build-images.sh   # another tag
#   REGISTRY=registry.example.org deploy/build-images.sh --push
#                                          # tag registry.example.org/colloquy/<module>:<version> and push
#   SKIP_PACKAGE=1 deploy/build-images.sh  # the applications are already packaged (target/quarkus-app)
set -euo pipefail
cd "$(dirname "$0")/.."

docker=${DOCKER:-docker}
push=false
for arg in "$@"; do
  case "$arg" in
    --push) push=true ;;
    *) echo "unknown argument: $arg (usage: $0 [--push])" >&2; exit 2 ;;
  esac
done

if ! command -v "$docker" >/dev/null; then
  echo "$docker not found: install Docker (or set DOCKER=podman)" >&2
  exit 1
fi

version=${VERSION:-$(./mvnw -q help:evaluate -Dexpression=project.version -DforceStdout)}
prefix=${REGISTRY:+${REGISTRY%/}/}colloquy

modules=()
for dockerfile in */src/main/docker/Dockerfile.jvm; do
  modules+=("${dockerfile%%/*}")
done

if [[ -z "${SKIP_PACKAGE:-}" ]]; then
  list=$(IFS=,; echo "${modules[*]}")
  ./mvnw -q package -DskipTests -pl "$list" -am
fi

for module in "${modules[@]}"; do
  image="$prefix/$module:$version"
  echo "Building $image"
  "$docker" build -f "$module/src/main/docker/Dockerfile.jvm" -t "$image" "$module"
  if [[ "$push" == true ]]; then
    "$docker" push "$image"
  fi
done
echo "Built: ${modules[*]} ($prefix/<module>:$version)"
