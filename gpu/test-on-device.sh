#!/usr/bin/env bash
# Runs on the GPU machine, from the repository root, after gpu/prepare.sh filled gpu/work/ (test/
# included): the GPU tests of the backbones module (JUnit tag "gpu", the @RequiresGpu classes) with
# JUnit's console launcher on the same libtorch as gpu/on-device.sh. Where no CUDA device is
# visible they are reported as skipped, with the reason. With OUT set, XML reports go to
# $OUT/junit. Any arguments replace the default selection (--scan-class-path ... --include-tag gpu),
# e.g. gpu/test-on-device.sh --select-class io.mambastream.backbones.ssm.ChunkedScanTest
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/device-env.sh"
tests="$work/test"
[ -d "$tests/classes" ] || { echo "gpu: gpu/work/test/ is missing: rerun gpu/prepare.sh" >&2; exit 2; }
class_path="$tests/classes"
for jar in "$tests"/lib/*.jar "$work"/app/lib/*.jar; do
  case "$jar" in */junit-platform-console-standalone-*) ;; *) class_path="$class_path:$jar" ;; esac
done
selection=(--scan-class-path "$tests/classes" --include-tag gpu)
(( $# > 0 )) && selection=("$@")
exec "$JAVA_HOME/bin/java" --add-modules=jdk.incubator.vector -Dai.djl.offline=true \
  -Dlogback.configurationFile="$root/config/logback-test.xml" ${MAMBASTREAM_JAVA_OPTS:-} \
  -jar "$(ls "$tests"/lib/junit-platform-console-standalone-*.jar)" execute \
  --disable-banner --disable-ansi-colors --details=tree --fail-if-no-tests \
  --class-path "$class_path" ${OUT:+--reports-dir "$OUT/junit"} "${selection[@]}"
