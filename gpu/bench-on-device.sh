#!/usr/bin/env bash
# Runs the GPU benchmarks of issue "Run and train on a GPU" on the GPU machine within about 5
# minutes: `bench backbone` (Vim-Ti with the fused CUDA scan, or the chunked scan where it is not
# built, vs DeiT-Ti at 224/512/1024/1248 px, batch 1 and 64, images/s and peak GPU memory; then Vim
# with the chunked scan over the same cases) and `bench scan` (cuda, chunked, sequential and ssd on
# the device). Writes the JSON reports and logs to $OUT and prints a short summary. Needs gpu/work/
# from gpu/prepare.sh. BACKBONE_S (default 100) is the backbone run's total budget: cases that
# would start after it become rows with an error (the chunked pass comes last, so it is cut
# first); the case running at that moment finishes (up to ~40 s for chunked at 1248 px, batch 64).
# Third, `bench train-step` (one training step of Vim-Ti with the CUDA scan, DeiT-Ti, then Vim-Ti
# with the chunked scan, 224 px, batch 128): TRAIN_S (default 45) is its total budget, each row
# stops after 3 timed steps past 8 s, and `timeout` ends it after TRAIN_KILL_S (default 150) s
# should a step hang (its report is then lost; the log says how far it came).
set -uo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
out=${OUT:-/tmp/bench-out}
mkdir -p "$out"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
gpu/on-device.sh --version 2>&1 | tail -2 # builds DJL's JNI and our operator once (about 1 min)
echo "setup: $(( $(date +%s) - start )) s"

# No --chart: the jlink'd runtime finds no font library on that machine (docs/GPU.md).
gpu/on-device.sh bench backbone --device gpu --scan auto,chunked --px 224,512,1024,1248 \
  --batch 1,64 --runs 3 --warmup 1 --max-seconds 3 --max-total-seconds "${BACKBONE_S:-100}" \
  --no-torch --json \
  > "$out/bench-backbone-gpu.json" 2> "$out/bench-backbone-gpu.log"
echo "bench backbone exit $?, $(( $(date +%s) - start )) s"
gpu/on-device.sh bench scan --device gpu --runs 10 --warmup 2 --warmup-seconds 0.5 \
  --max-seconds 3 --no-torch --json > "$out/bench-scan-gpu.json" 2> "$out/bench-scan-gpu.log"
echo "bench scan exit $?, $(( $(date +%s) - start )) s"
timeout "${TRAIN_KILL_S:-150}" gpu/on-device.sh bench train-step --device gpu --scan auto,chunked \
  --px 224 --batch 128 --runs 5 --warmup 2 --max-seconds 8 --max-total-seconds "${TRAIN_S:-45}" \
  --json > "$out/bench-train-gpu.json" 2> "$out/bench-train-gpu.log"
echo "bench train-step exit $?, $(( $(date +%s) - start )) s"

python3 - "$out" <<'PY'
import json, sys, pathlib
for name in ("bench-backbone-gpu.json", "bench-scan-gpu.json", "bench-train-gpu.json"):
    path = pathlib.Path(sys.argv[1], name)
    try:
        report = json.loads(path.read_text())
    except Exception as e:  # the log next to it says why
        print(f"{name}: no report ({e})")
        continue
    print(f"== {name}: {report['machine'].get('gpu')} ({report['machine']['djl_engine']})")
    for row in report["rows"]:
        params = " ".join(f"{k}={v}" for k, v in row["params"].items())
        if row.get("error"):
            print(f"{row['name']:12} {params:60} error: {row['error']}")
        else:
            print(f"{row['name']:12} {params:60} {row['median_ms']:10.2f} ms {row['per_s']:10.1f}/s"
                  f" peak_mb {row.get('peak_mb')}"
                  + (f" loss {row['loss']:.3f}" if row.get("loss") is not None else ""))
    for note in report["notes"]:
        print("note:", note)
PY
tail -n 3 "$out"/bench-*-gpu.log
echo "total $(( $(date +%s) - start )) s"
