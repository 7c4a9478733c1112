# Sourced by the scripts that run on the GPU machine: finds the local PyTorch and unpacks the Java
# runtime that gpu/prepare.sh packed (the GPU machine has no Java).
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
export PYTORCH_LIBRARY_PATH="$torch_dir/lib" PYTORCH_VERSION="$torch_version" PYTORCH_FLAVOR="$cuda_flavor"
export MAMBASTREAM_CUDA_LIBRARY="${MAMBASTREAM_CUDA_LIBRARY:-/tmp/mambastream-native/libmambastream_cuda.so}"
java_opts=(--add-modules=jdk.incubator.vector -Dai.djl.offline=true)
