#!/usr/bin/env bash
# Runs on the GPU machine: follows the runs that gpu/train-detached.sh started, for at most SECONDS.
# Every 30 s prints each run's epoch and its last finished epoch's metrics; copies each run's
# metrics.csv to $OUT/RUN_ID.csv and, once a run has ended, its outcome to $OUT/RUN_ID.tgz (the
# best/ model directory, metrics.csv, result.json, the log without progress bars). Returns when
# every run has ended or the time is up; the runs go on either way while the machine stays held.
# Usage: gpu/watch-runs.sh SECONDS
set -uo pipefail
end=$(( $(date +%s) + ${1:?usage: gpu/watch-runs.sh SECONDS} ))
out=${OUT:-/tmp/watch-out}
mkdir -p "$out"
compgen -G '/tmp/runs/*/pid' > /dev/null || { echo "gpu: no runs under /tmp/runs (gpu/train-detached.sh starts them)" >&2; exit 2; }
while :; do
  running=0
  for dir in /tmp/runs/*/; do
    id=$(basename "$dir")
    cp "$dir/out/metrics.csv" "$out/$id.csv" 2>/dev/null
    if kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
      running=$(( running + 1 ))
      state=running
    elif grep -Eq '"testAccuracy" ?: ?[0-9]' "$dir/out/result.json" 2>/dev/null; then
      state="finished, $(grep -Eo '"testAccuracy" ?: ?[0-9.]+' "$dir/out/result.json" | tr -d ' "')"
    else
      state="ENDED WITHOUT A RESULT"
    fi
    if [ "$state" != running ] && [ ! -f "$out/$id.tgz" ]; then
      tr '\r' '\n' < "$dir/log" | grep -v '^\s*$' | grep -Ev '^epoch [0-9]+/[0-9]+ +[0-9]+% ' \
        > "$dir/out/log.txt"
      (cd "$dir/out" && tar -czf "$out/$id.tgz" $(ls -d best metrics.csv log.txt result.json 2>/dev/null))
      [ "$state" = running ] || tail -5 "$dir/out/log.txt"
    fi
    bar=$(tr '\r' '\n' < "$dir/log" | grep -o '^epoch [0-9]*/[0-9]*' | tail -1)
    row=$(tail -n +2 "$dir/out/metrics.csv" 2>/dev/null | tail -1) # epoch,train loss/acc,val loss/acc,lr,s
    echo "$(date +%T) $id: $state; at ${bar:-start}; last epoch done: ${row:-none}"
  done
  (( running == 0 )) && break
  (( $(date +%s) + 30 > end )) && break
  sleep 30
done
if command -v nvidia-smi > /dev/null; then
  nvidia-smi --query-gpu=index,utilization.gpu,memory.used --format=csv,noheader
fi
