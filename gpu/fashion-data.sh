#!/usr/bin/env bash
# Runs on the GPU machine: unpacks Fashion-MNIST from .gpurun/fm.tar.xz (an xz tar of the four
# uncompressed idx files, made by gpu/prepare.sh's caller; see docs/GPU.md) into /tmp/fm, under
# the Debian package's file names (the reader takes gzip or plain idx alike). Prints the folder.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f /tmp/fm/train-images-idx3-ubyte.gz ]; then
  mkdir -p /tmp/fm && tar -xJf .gpurun/fm.tar.xz -C /tmp/fm
  for f in /tmp/fm/*-ubyte; do mv "$f" "$f.gz"; done
fi
echo /tmp/fm
