#!/usr/bin/env python3
"""Builds the official CUDA extensions that the fused Vim path calls, for the local GPU only.

Usage (gpu/official-vim.sh runs it on the GPU machine):
    python gpu/build_official_ops.py --src /tmp/official-vim/official \
        --build /tmp/official-vim/build --op selective_scan_cuda

The sources are the ones gpu/prepare-official.sh packs (hustvl/Vim's bundled mamba-1p1p1 and
causal-conv1d), already patched for CUDA 13 by the shell script. Instead of their setup.py files
(which list gencode targets CUDA 13 refuses and try to download prebuilt wheels), each extension is
compiled with torch.utils.cpp_extension.load: ninja, MAX_JOBS parallel compiles, the gencode
targets from TORCH_CUDA_ARCH_LIST (9.0 on H100/H200), the nvcc flags of the official setup.py
files. The result is BUILD/NAME/NAME.so, importable as `import NAME` once BUILD/NAME is on
sys.path; a second call with unchanged sources only checks and loads it.
"""
import argparse
import os
import sys
import time

# The official setup.py flags, less -std=c++17 (torch picks the standard its headers need: C++20
# in recent releases) and the verbose ptxas report.
NVCC_FLAGS = [
    "-O3",
    "-U__CUDA_NO_HALF_OPERATORS__",
    "-U__CUDA_NO_HALF_CONVERSIONS__",
    "-U__CUDA_NO_BFLOAT16_OPERATORS__",
    "-U__CUDA_NO_BFLOAT16_CONVERSIONS__",
    "-U__CUDA_NO_BFLOAT162_OPERATORS__",
    "-U__CUDA_NO_BFLOAT162_CONVERSIONS__",
    "--expt-relaxed-constexpr",
    "--expt-extended-lambda",
    "--use_fast_math",
]

# Extension name -> (source folder relative to --src, sources in that folder).
OPS = {
    "selective_scan_cuda": ("mamba-1p1p1/csrc/selective_scan", [
        "selective_scan.cpp",
        "selective_scan_fwd_fp32.cu", "selective_scan_fwd_fp16.cu", "selective_scan_fwd_bf16.cu",
        "selective_scan_bwd_fp32_real.cu", "selective_scan_bwd_fp32_complex.cu",
        "selective_scan_bwd_fp16_real.cu", "selective_scan_bwd_fp16_complex.cu",
        "selective_scan_bwd_bf16_real.cu", "selective_scan_bwd_bf16_complex.cu",
    ]),
    "causal_conv1d_cuda": ("causal-conv1d/csrc", [
        "causal_conv1d.cpp", "causal_conv1d_fwd.cu", "causal_conv1d_bwd.cu",
        "causal_conv1d_update.cu",
    ]),
}


def build(name, src_root, build_root):
    """Compiles (or reuses) extension `name` and returns the loaded module."""
    from torch.utils import cpp_extension
    folder, sources = OPS[name]
    folder = os.path.join(src_root, folder)
    build_dir = os.path.join(build_root, name)
    os.makedirs(build_dir, exist_ok=True)
    return cpp_extension.load(
        name=name,
        sources=[os.path.join(folder, s) for s in sources],
        extra_cflags=["-O3"],
        extra_cuda_cflags=NVCC_FLAGS,
        extra_include_paths=[folder],
        build_directory=build_dir,
        verbose=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--src", required=True, help="the unpacked official/ folder")
    parser.add_argument("--build", required=True, help="build root; one sub-folder per extension")
    parser.add_argument("--op", required=True, choices=sorted(OPS))
    args = parser.parse_args()
    if not os.environ.get("TORCH_CUDA_ARCH_LIST"):
        sys.exit("set TORCH_CUDA_ARCH_LIST (9.0 for H100/H200): CUDA 13 refuses old targets")
    import torch
    if torch.version.cuda is None:
        sys.exit(f"torch {torch.__version__} has no CUDA: the official kernels need a CUDA build")
    start = time.perf_counter()
    module = build(args.op, os.path.abspath(args.src), os.path.abspath(args.build))
    print(f"built {args.op} ({module.__file__}) in {time.perf_counter() - start:.1f} s", flush=True)


if __name__ == "__main__":
    main()
