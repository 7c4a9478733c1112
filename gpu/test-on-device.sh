#!/usr/bin/env bash
# Runs on the GPU machine after gpu/prepare.sh: builds the native libraries (gpu/build-native.sh)
# and runs JUnit test classes on the GPU with the JUnit console launcher (no Maven there). The
# GPU tests skip themselves, with the reason, on machines without a GPU; here they run.
# Usage: gpu/test-on-device.sh [CLASS...]   (default: every class named Cuda*Test or *Gpu*Test,
#        CudaScanTest, GpuConditionTest, ChunkedScanGpuTest, VisionMambaGpuTest, ...)
# With OUT set, JUnit's XML reports go to $OUT/junit.
set -euo pipefail
"$(dirname "${BASH_SOURCE[0]}")/build-native.sh"
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
test_dir="$work/test"
[ -d "$test_dir" ] || { echo "gpu: gpu/work/test/ is missing (gpu/prepare.sh fills it)" >&2; exit 2; }
selectors=()
if [ $# -eq 0 ]; then
  selectors=(--include-classname '.*\.(Cuda[A-Za-z]*|[A-Za-z]*Gpu[A-Za-z]*)Test' \
    --scan-classpath "$test_dir/classes")
else
  for c in "$@"; do selectors+=(--select-class "$c"); done
fi
classpath="$test_dir/classes:$(ls "$test_dir"/lib/*.jar "$work"/app/mambastream.jar "$work"/app/lib/*.jar | tr '\n' ':')"
exec "$JAVA_HOME/bin/java" "${java_opts[@]}" -Xmx8g \
  -jar "$test_dir/junit-platform-console-standalone.jar" execute --class-path "$classpath" \
  --details=verbose --disable-banner ${OUT:+--reports-dir "$OUT/junit"} "${selectors[@]}"
