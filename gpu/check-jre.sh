#!/usr/bin/env bash
# Checks, here, that the Java runtime gpu/prepare.sh packed draws text on a machine without a font
# stack, as the GPU machine is: unpacks gpu/work/jdk.tar.xz, hides the system fonts and the system's
# copies of the libraries it should bundle (gpu/jre-deps.sh; a private mount namespace: needs root
# and unshare), and has `train curves` draw a shipped run's curves with that runtime. Exit status
# 0: the PNG was written.
# Usage: gpu/check-jre.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/gpu/work"
[ -f "$work/jdk.tar.xz" ] && [ -f "$work/app/mambastream.jar" ] \
  || { echo "gpu: run gpu/prepare.sh first (jdk.tar.xz or app/ is missing)" >&2; exit 2; }
tmp="$(mktemp -d)" && trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/jre" "$tmp/no-fonts" && tar -xJf "$work/jdk.tar.xz" -C "$tmp/jre" --strip-components=1
printf '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n' > "$tmp/fonts.conf"
# The system's copies of the libraries the runtime should bundle (gpu/jre-deps.sh); libpcre2-8
# last, since mount itself needs it.
source "$root/gpu/jre-deps.sh"
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
system_libs=$(jre_native_deps "$java_home" | xargs -r readlink -f | sort -u \
  | awk '/libpcre2-8/ { last = $0; next } 1; END { if (last) print last }')
echo "gpu: hiding /usr/share/fonts and $(wc -w <<< "$system_libs") system libraries" >&2
csv="$(ls "$root"/docs/models/*-metrics.csv | head -1)"
unshare -m bash -c '
  set -euo pipefail
  mount --bind "$1/no-fonts" /usr/share/fonts
  for lib in $3; do mount --bind /dev/null "$lib"; done
  FONTCONFIG_FILE="$1/fonts.conf" "$1/jre/bin/java" -jar "$2" train curves "$4" --out "$1/curves.png"
' check-jre "$tmp" "$work/app/mambastream.jar" "$system_libs" "$csv"
[ -s "$tmp/curves.png" ] && echo "gpu: the packed runtime drew text with no system fonts or font libraries"
