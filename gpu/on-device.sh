#!/usr/bin/env bash
# Runs on the GPU machine (torch 2.11 with CUDA, nvcc, cmake, no Java), from the repository root,
# after gpu/prepare.sh filled gpu/work/: builds DJL's JNI and our CUDA operator against the local
# libtorch (gpu/build-native.sh, once), then runs `mambastream ARGS...` on that libtorch.
# Usage: gpu/on-device.sh ARGS...   (for example: gpu/on-device.sh bench scan --device gpu --json)
set -euo pipefail
"$(dirname "${BASH_SOURCE[0]}")/build-native.sh"
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
exec "$JAVA_HOME/bin/java" "${java_opts[@]}" ${MAMBASTREAM_JAVA_OPTS:-} \
  -jar "$work/app/mambastream.jar" "$@"
