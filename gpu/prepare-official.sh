#!/usr/bin/env bash
# Packs, on a developer machine, the official Vision Mamba sources that gpu/official-vim.sh builds
# and runs on the GPU machine as an outside anchor:
#   .gpurun/official/        the extracted sources (kept for reading; not needed on the device)
#   .gpurun/official.tar.xz  the same folder as one archive: what travels to the GPU machine
# Usage: gpu/prepare-official.sh VIM_GIT_DIR [COMMIT]
#   VIM_GIT_DIR: a git repository (bare or not) of github.com/hustvl/Vim; COMMIT defaults to HEAD.
# Taken from it, and nothing else: vim/models_mamba.py and vim/rope.py (the model), the bundled
# mamba-1p1p1 (mamba_ssm 1.1.1: python package + selective-scan CUDA sources) and the bundled
# causal-conv1d (1.4.0: python package + CUDA sources), with their licence files. The bundled
# pair matters: mamba-1p1p1 calls causal_conv1d_cuda.causal_conv1d_fwd with the 1.4.0 signature
# (seq_idx, initial_states, final_states_out, silu), which later causal-conv1d releases changed.
# .gpurun/ is git-ignored; the fetched sources are never committed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
vim_git="${1:?usage: gpu/prepare-official.sh VIM_GIT_DIR [COMMIT] (a clone of hustvl/Vim)}"
commit="${2:-HEAD}"
git_dir="$(git -C "$vim_git" rev-parse --absolute-git-dir)"
sha="$(git --git-dir="$git_dir" rev-parse "$commit^{commit}")"
out="$root/.gpurun/official"

rm -rf "$out" && mkdir -p "$out"
echo "official: extracting hustvl/Vim $sha" >&2
git --git-dir="$git_dir" archive "$sha" \
  vim/models_mamba.py vim/rope.py vim/LICENSE \
  mamba-1p1p1/LICENSE mamba-1p1p1/AUTHORS mamba-1p1p1/mamba_ssm mamba-1p1p1/csrc/selective_scan \
  causal-conv1d/LICENSE causal-conv1d/AUTHORS causal-conv1d/causal_conv1d causal-conv1d/csrc \
  | tar -x -C "$out"
printf 'repository: github.com/hustvl/Vim\ncommit: %s\n' "$sha" > "$out/SOURCE"

XZ_OPT=-9e tar -C "$root/.gpurun" -cJf "$root/.gpurun/official.tar.xz" official
echo "official: $(find "$out" -type f | wc -l) files," \
  "$(du -k "$root/.gpurun/official.tar.xz" | cut -f1) KiB in .gpurun/official.tar.xz" >&2
