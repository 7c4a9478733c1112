#!/usr/bin/env bash
# What travels to the GPU machine is capped at 64 MiB: tracked files, untracked files git does not
# ignore, and the carried paths. A training call carries the Java runtime, the application and
# Fashion-MNIST (gpu/work/{jdk.tar.xz,djl,app}, .gpurun/fm.tar.xz: about 58 MiB with the trimmed tree), so the tracked
# files a training run does not need must stay behind: the shipped zoo archives (also inside the
# backbones jar of gpu/work/app) and the CPU parity fixtures.
# Usage: gpu/trim-tree.sh out     move them to gpu/work/stash/ (git-ignored) and out of the app jar
#        gpu/trim-tree.sh back    move them back (run gpu/prepare.sh --app to restore the jar)
#        gpu/trim-tree.sh size    what would travel, with the usual training carry
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
stash=gpu/work/stash
big=(backbones/src/main/resources/io/mambastream/zoo backbones/src/test/resources/vim-parity)
carry=(gpu/work/jdk.tar.xz gpu/work/djl gpu/work/app .gpurun/fm.tar.xz)

case "${1:-}" in
  out)
    for path in "${big[@]}"; do
      [ -e "$path" ] || continue
      mkdir -p "$stash/$(dirname "$path")" && mv "$path" "$stash/$path"
    done
    for jar in gpu/work/app/lib/mambastream-backbones-*.jar; do
      zip -q -d "$jar" 'io/mambastream/zoo/*.zip' || true # exit 12: nothing left to delete
    done
    "$0" size ;;
  back)
    for path in "${big[@]}"; do
      [ -e "$stash/$path" ] || continue
      [ -e "$path" ] && { echo "gpu: $path exists; $stash/$path left where it is" >&2; exit 1; }
      mkdir -p "$(dirname "$path")" && mv "$stash/$path" "$path"
    done
    git status --short -- "${big[@]}" ;;
  size)
    { git ls-files -co --exclude-standard -z | xargs -0 -r ls -d 2>/dev/null | tr '\n' '\0' || true # skips deleted files
      find "${carry[@]}" -type f -print0 2>/dev/null; } | du -cb --files0-from=- | tail -1 \
      | awk '{printf "travels: %.1f MiB of 64 MiB\n", $1 / 1048576}' ;;
  *) echo "usage: gpu/trim-tree.sh out|back|size" >&2; exit 2 ;;
esac
