#!/usr/bin/env bash
# Runs on the GPU machine: starts `mambastream train classify FLAGS...` as its own process session,
# so that it outlives the device call that started it (the machine stays held while further calls
# follow within its idle limit; gpu/watch-runs.sh is such a call). Builds the native libraries
# first (two runs must not build them at once) and unpacks Fashion-MNIST.
# Usage: GPU=0 gpu/train-detached.sh RUN_ID FLAGS...   (log, pid and --out under /tmp/runs/RUN_ID)
set -euo pipefail
cd "$(dirname "$0")/.."
id="${1:?usage: gpu/train-detached.sh RUN_ID FLAGS...}"; shift
gpu/build-native.sh
data="$(gpu/fashion-data.sh)"
dir=/tmp/runs/$id
mkdir -p "$dir"
echo "$*" > "$dir/flags"
CUDA_VISIBLE_DEVICES="${GPU:-0}" setsid nohup gpu/on-device.sh train classify "$@" --device gpu \
  --data "$data" --out "$dir/out" > "$dir/log" 2>&1 < /dev/null &
echo $! > "$dir/pid"
echo "gpu: started $id on GPU ${GPU:-0} (pid $(cat "$dir/pid")): train classify $*"
