#!/usr/bin/env bash
# Runs on the GPU machine (torch with CUDA, nvcc, cmake; no Java), from any folder, after
# gpu/prepare.sh: builds what the Java side needs against the local libtorch:
#   $torch/lib/0.36.0-libdjl_torch.so        DJL's JNI (its v0.36.0 sources, about 20 s)
#   $MAMBASTREAM_CUDA_LIBRARY (gpu/env.sh)   our fused selective-scan operator and its JNI bridge
#                                            (gpu/native/, about 30 s)
# Ours stays out of torch/lib: DJL loads every library it finds there, in its own order.
# Each is rebuilt only when missing. CUDA_ARCHS picks the GPU architectures (default 90: Hopper).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

djl_lib="$torch_dir/lib/0.36.0-libdjl_torch.so"
if [ ! -f "$djl_lib" ]; then
  echo "gpu: building DJL's JNI against torch $torch_version ($cuda_flavor)" >&2
  build="$work/djl/engines/pytorch/pytorch-native/build"
  (cd "$build" && cmake -DCMAKE_PREFIX_PATH="$torch_dir/share/cmake" -DUSE_CUDA=1 \
      -DJAVA_HOME="$JAVA_HOME" .. >cmake.log && cmake --build . -- -j"$(nproc)" >make.log) \
    || { tail -50 "$build"/cmake.log "$build"/make.log >&2; exit 1; }
  cp "$build/libdjl_torch.so" "$djl_lib"
fi

our_lib="$MAMBASTREAM_CUDA_LIBRARY"
if [ ! -f "$our_lib" ]; then
  echo "gpu: building libmambastream_cuda.so (sm_${CUDA_ARCHS:-90})" >&2
  build=/tmp/mambastream-native-build
  start=$(date +%s)
  (TORCH_CUDA_ARCH_LIST="${TORCH_CUDA_ARCH_LIST:-9.0}" cmake -S "$root/gpu/native" -B "$build" \
      -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$torch_dir/share/cmake" \
      -DCMAKE_CUDA_ARCHITECTURES="${CUDA_ARCHS:-90}" -DJAVA_HOME="$JAVA_HOME" >"$build.cmake.log" 2>&1 \
    && cmake --build "$build" -j"$(nproc)" >"$build.make.log" 2>&1) \
    || { tail -60 "$build.cmake.log" "$build.make.log" >&2; exit 1; }
  mkdir -p "$(dirname "$our_lib")" && cp "$build/libmambastream_cuda.so" "$our_lib"
  echo "gpu: built libmambastream_cuda.so in $(( $(date +%s) - start )) s" >&2
fi
