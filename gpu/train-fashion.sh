#!/usr/bin/env bash
# Trains the shipped Fashion-MNIST classifiers on the GPU machine within one device call (10 min):
# first the CUDA scan's correctness tests (a failing operator stops the run), then a 1-epoch speed
# probe on 5,120 items, then Vim and the ViT baseline side by side with as many epochs as the time
# left allows (at most 40). Results land in $OUT (weights + logs + curves). PATCH (default 2) is
# the patch size of both models.
# Needs gpu/work/ from gpu/prepare.sh and the Fashion-MNIST idx files packed as .gpurun/fm.tar.xz
# (tar of the four uncompressed idx files); see docs/GPU.md.
set -uo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
budget=${BUDGET_S:-560}
out=${OUT:-/tmp/train-out}
mkdir -p "$out"
data="$(gpu/fashion-data.sh)"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
gpu/on-device.sh --version 2>&1 | tail -2
echo "setup: $(( $(date +%s) - start )) s"
if [ -d gpu/work/test ]; then
  gpu/test-on-device.sh io.mambastream.backbones.ssm.CudaScanTest > /tmp/gate.log 2>&1 \
    || { sed 's/\x1b\[[0-9;]*m//g' /tmp/gate.log | grep -E "FAILED|Expecting|Exception" | head -20;
         echo "the CUDA scan failed its tests: no training"; exit 1; }
  echo "CUDA scan tests passed: $(( $(date +%s) - start )) s"
fi
common=(--batch 256 --lr 2e-3 --weight-decay 0.05 --warmup 2 --label-smoothing 0.1 --seed 42
        --device gpu --data "$data")
vim=(--backbone vim-tiny --dim 192 --depth 8 --patch "${PATCH:-2}" --d-state 16)
vit=(--backbone vit-tiny --dim 192 --depth 8 --heads 3 --patch "${PATCH:-2}")

t0=$(date +%s)
gpu/on-device.sh train classify "${vim[@]}" "${common[@]}" --epochs 1 --limit 5120 \
  --out /tmp/probe > /tmp/probe.log 2>&1
probe=$(( $(date +%s) - t0 ))
tr '\r' '\n' < /tmp/probe.log | grep -v '^\s*$' | tail -5
# The probe's own timing (its last line ends in "N s": training 5,120 items plus validating and
# testing 1,024 each), scaled to 60,000 items, plus a fifth for two runs sharing the GPU.
probe_s=$(grep -o '[0-9.]* s$' /tmp/probe.log | tail -1 | cut -d' ' -f1)
per_epoch=$(python3 -c "print(int(${probe_s:-60} * 60000 / 7168 * 1.2) + 2)")
left=$(( budget - ($(date +%s) - start) ))
epochs=$(( left * 85 / 100 / per_epoch )); (( epochs > 40 )) && epochs=40; (( epochs < 1 )) && epochs=1
epochs=${EPOCHS:-$epochs}
echo "probe $probe s (training $probe_s s); about $per_epoch s per epoch with two runs sharing the GPU; $left s left: $epochs epochs"

train() { # name args...
  local name=$1; shift
  timeout $(( left - 10 )) gpu/on-device.sh train classify "$@" "${common[@]}" --epochs "$epochs" \
    --name "$name" --out "/tmp/out-$name" > "/tmp/$name.log" 2>&1
  echo "$name exit $?"
}
train vim-tiny-fashion "${vim[@]}" &
train vit-tiny-fashion "${vit[@]}" &
wait
for name in vim-tiny-fashion vit-tiny-fashion; do
  d=/tmp/out-$name
  tr '\r' '\n' < "/tmp/$name.log" | grep -v '^\s*$' | tail -40 > "$d/log.txt"
  cp "$d/best/model.safetensors" "$out/$name.safetensors" 2>/dev/null
  tar -czf "$out/$name-run.tgz" -C "$d" log.txt metrics.csv result.json curves.png best/model.json \
    best/serving.properties 2>/dev/null
  tail -4 "$d/log.txt"
done
echo "total $(( $(date +%s) - start )) s"
