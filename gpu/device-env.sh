# Sourced by gpu/on-device.sh and gpu/test-on-device.sh on the GPU machine (torch with CUDA, nvcc,
# cmake, no Java), after gpu/prepare.sh filled gpu/work/: unpacks the Java runtime, builds DJL's
# JNI against the local libtorch once (about 20 s) and installs it where DJL looks for it, and
# exports JAVA_HOME, PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and PYTORCH_FLAVOR. Sets root and work.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/gpu/work"
[ -f "$work/jdk.tar.xz" ] || { echo "gpu: run gpu/prepare.sh first (gpu/work/jdk.tar.xz is missing)" >&2; exit 2; }

torch_dir="$(python3 -c 'import torch, os; print(os.path.dirname(torch.__file__))')"
torch_version="$(python3 -c 'import torch; print(torch.__version__.split("+")[0])')"
cuda_flavor="cu$(python3 -c 'import torch; print(torch.version.cuda.replace(".", ""))')"
export JAVA_HOME=/tmp/mambastream-jdk
if [ ! -x "$JAVA_HOME/bin/java" ]; then
  mkdir -p "$JAVA_HOME" && tar -xJf "$work/jdk.tar.xz" -C "$JAVA_HOME" --strip-components=1
fi

lib="$torch_dir/lib/0.36.0-libdjl_torch.so"
if [ ! -f "$lib" ]; then
  echo "gpu: building DJL's JNI against torch $torch_version ($cuda_flavor)" >&2
  build="$work/djl/engines/pytorch/pytorch-native/build"
  (cd "$build" && cmake -DCMAKE_PREFIX_PATH="$torch_dir/share/cmake" -DUSE_CUDA=1 \
      -DJAVA_HOME="$JAVA_HOME" .. >cmake.log && cmake --build . -- -j"$(nproc)" >make.log) \
    || { tail -50 "$build"/cmake.log "$build"/make.log >&2; exit 1; }
  cp "$build/libdjl_torch.so" "$lib"
fi

export PYTORCH_LIBRARY_PATH="$torch_dir/lib" PYTORCH_VERSION="$torch_version" PYTORCH_FLAVOR="$cuda_flavor"
