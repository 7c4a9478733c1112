#!/usr/bin/env bash
# Checks, here, that the Java runtime gpu/prepare.sh packed draws text on a machine without a font
# stack, as the GPU machine is: unpacks gpu/work/jdk.tar.xz, hides the system fonts and the shared
# libraries libfontmanager.so links (a private mount namespace: needs root and unshare), and has
# `train curves` draw a shipped run's curves with that runtime. Exit status 0: the PNG was written.
# Usage: gpu/check-jre.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/gpu/work"
[ -f "$work/jdk.tar.xz" ] && [ -f "$work/app/mambastream.jar" ] \
  || { echo "gpu: run gpu/prepare.sh first (jdk.tar.xz or app/ is missing)" >&2; exit 2; }
tmp="$(mktemp -d)" && trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/jre" "$tmp/no-fonts" && tar -xJf "$work/jdk.tar.xz" -C "$tmp/jre" --strip-components=1
printf '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n' > "$tmp/fonts.conf"
system_libs=$(ldd "$(command -v javac | xargs readlink -f | xargs dirname)/../lib/libfontmanager.so" \
  | awk '$1 ~ /^lib(harfbuzz|freetype|graphite2|png16|brotli)/ { print $3 }' | xargs -r readlink -f)
csv="$(ls "$root"/docs/models/*-metrics.csv | head -1)"
unshare -m bash -c '
  set -euo pipefail
  mount --bind "$1/no-fonts" /usr/share/fonts
  for lib in $3; do mount --bind /dev/null "$lib"; done
  FONTCONFIG_FILE="$1/fonts.conf" "$1/jre/bin/java" -jar "$2" train curves "$4" --out "$1/curves.png"
' check-jre "$tmp" "$work/app/mambastream.jar" "$system_libs" "$csv"
[ -s "$tmp/curves.png" ] && echo "gpu: the packed runtime drew text with no system fonts or font libraries"
