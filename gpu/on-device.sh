#!/usr/bin/env bash
# Runs on the GPU machine (torch 2.11 with CUDA, nvcc, cmake, no Java), from the repository root,
# after gpu/prepare.sh filled gpu/work/: builds DJL's JNI against the local libtorch (about 20 s),
# installs it where DJL looks for it, then runs `mambastream ARGS...` on that libtorch.
# Usage: gpu/on-device.sh ARGS...   (for example: gpu/on-device.sh bench scan --device gpu --json)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/device-env.sh"
exec "$JAVA_HOME/bin/java" --add-modules=jdk.incubator.vector -Dai.djl.offline=true \
  ${MAMBASTREAM_JAVA_OPTS:-} -jar "$work/app/mambastream.jar" "$@"
