#!/usr/bin/env bash
# Runs the official Vision Mamba (hustvl/Vim, Vim-Ti) and timm DeiT-Ti on the GPU machine as outside
# anchors, within one device call (budget 9 minutes, builds included):
#   1. unpacks .gpurun/official.tar.xz (from gpu/prepare-official.sh) to /tmp/official-vim,
#   2. patches the sources for CUDA 13 (its CUB dropped cub::LaneId() and cub::CTA_SYNC()),
#   3. builds selective_scan_cuda and causal_conv1d_cuda for sm_90 with 16 jobs (3-4 min; a warm
#      machine that still has /tmp/official-vim from the same archive reuses its builds),
#   4. runs gpu/bench_official_vim.py with the time left, writing $OUT/official-vim.json.
# Usage: gpu/official-vim.sh [BENCH_ARGS...]   (e.g. --sizes 224,512 --no-bf16; see --help there)
# Environment: OUT (results folder), BUDGET_S (whole run, default 540), PYTHON (default python3).
# Prints the duration of each phase. A failed build does not stop the run: the benchmark then
# records error rows for the CUDA-kernel mode and still measures the reference mode and DeiT.
# Never sets CC: the image exports it, and torch passes it to nvcc as -ccbin.
set -uo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
budget=${BUDGET_S:-540}
out=${OUT:-/tmp/official-vim-out}
py=${PYTHON:-python3}
work=/tmp/official-vim
src=$work/official
mkdir -p "$out" "$work"
phase() { echo "== phase $1: $(( $(date +%s) - $2 )) s (total $(( $(date +%s) - start )) s)"; }

t=$(date +%s)
if [ ! -f .gpurun/official.tar.xz ]; then
  echo "no .gpurun/official.tar.xz: run gpu/prepare-official.sh"; exit 2
fi
stamp=$(sha256sum < .gpurun/official.tar.xz)
if [ "$(cat "$work/stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$src" "$work/build" && tar -xJf .gpurun/official.tar.xz -C "$work"
  # CUDA 13's CUB has neither cub::LaneId() nor cub::CTA_SYNC(); the same PTX special register
  # and the block barrier are ::cuda::ptx::get_sreg_laneid() (libcu++, <cuda/ptx>) and
  # __syncthreads().
  sed -i -e 's|cub::LaneId()|::cuda::ptx::get_sreg_laneid()|g' \
    -e 's|cub::CTA_SYNC()|__syncthreads()|g' \
    -e 's|#include <cub/util_ptx.cuh>|#include <cub/util_ptx.cuh>\n    #include <cuda/ptx>|' \
    "$src/mamba-1p1p1/csrc/selective_scan/reverse_scan.cuh"
  if grep -rn 'cub::LaneId\|cub::CTA_SYNC' "$src" --include='*.cu*' --include='*.h'; then
    echo "CUDA 13 patch incomplete"
  fi
  echo "$stamp" > "$work/stamp"
else
  echo "same archive as the last run on this machine: reusing $work and its builds"
fi
cat "$src/SOURCE"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
"$py" -c 'import sys, torch; print(sys.version.split()[0], torch.__version__, torch.version.cuda)' \
  | { read -r p t c; echo "python $p, torch $t, CUDA $c"; }
nvcc --version | tail -2
phase unpack "$t"

t=$(date +%s)
export TORCH_CUDA_ARCH_LIST=9.0 MAX_JOBS=16
ops_ok=1
for op in selective_scan_cuda causal_conv1d_cuda; do
  # Both builds run side by side (10 + 4 compile units on 16 cores): the build takes as long as
  # the slowest selective-scan backward file.
  "$py" gpu/build_official_ops.py --src "$src" --build "$work/build" --op "$op" \
    > "$work/build-$op.log" 2>&1 &
  eval "pid_$op=$!"
done
for op in selective_scan_cuda causal_conv1d_cuda; do
  eval "pid=\$pid_$op"
  if wait "$pid"; then tail -1 "$work/build-$op.log"; else
    ops_ok=0; echo "build of $op failed:"; grep -E -m 20 'error|Error' "$work/build-$op.log"
    tail -5 "$work/build-$op.log"
  fi
  cp "$work/build-$op.log" "$out/" 2>/dev/null
done
phase build "$t"

t=$(date +%s)
left=$(( budget - (t - start) - 25 ))
(( left > 300 )) && left=300
(( left < 60 )) && left=60 # a build that overran still leaves the benchmark a minute
echo "benchmark budget: $left s"
# The benchmark keeps to its budget by itself; the timeout is a backstop (the JSON file is
# rewritten after every row, so a cut run keeps its rows).
timeout $(( left + 60 )) "$py" gpu/bench_official_vim.py --official "$src" --ops "$work/build" \
  --budget-s "$left" --out "$out/official-vim.json" \
  --phases "{\"setup_and_build_s\": $(( t - start )), \"ops_built\": $ops_ok}" "$@" 2>&1 \
  | tee "$out/bench.log"
phase benchmark "$t"
echo "total $(( $(date +%s) - start )) s; results in $out/official-vim.json"
