#!/usr/bin/env bash
# Prepares, on a developer machine, everything the GPU machine needs to run mambastream on CUDA:
#   gpu/work/jdk.tar.xz  a jlink'd Java 17 runtime with JNI headers (the GPU machine has no Java)
#   gpu/work/djl/      DJL v0.36.0's PyTorch JNI sources plus the generated JNI header
#   gpu/work/app/      mambastream.jar and its dependency jars, minus the CPU-only libtorch jar
#   gpu/work/test/     the test classes, test-only jars and the JUnit console launcher
# Usage: gpu/prepare.sh DJL_GIT_DIR    everything, from scratch
#        gpu/prepare.sh --app          only app/ and test/ again (after a code change)
#        gpu/prepare.sh --jre          only jdk.tar.xz again
#   DJL_GIT_DIR: a git repository (bare or not) of github.com/deepjavalibrary/djl holding tag v0.36.0.
# gpu/work/ is git-ignored and never committed; the DJL sources are Apache-2.0 and stay outside git.
# The gpu/native/ sources travel with the working tree and are built there (gpu/build-native.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/gpu/work"
arg="${1:?usage: gpu/prepare.sh DJL_GIT_DIR | --app | --jre}"
djl_tag=v0.36.0

copy_app() {
  echo "gpu: copying the application and its tests" >&2
  (cd "$root" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package >&2)
  rm -rf "$work/app" "$work/test" && mkdir -p "$work/app/lib" "$work/test/lib" "$work/test/classes"
  cp "$root/streams/target/mambastream.jar" "$work/app/"
  find "$root/streams/target/lib" -name '*.jar' ! -name 'pytorch-native-cpu-*' ! -name 'pytorch-jni-*' \
    -exec cp {} "$work/app/lib/" \; # the JNI is built there
  (cd "$root" && ./mvnw -B -q -o -Dspotless.check.skip=true test-compile >&2)
  for module in ingest backbones heads streams; do
    cp -r "$root/$module/target/test-classes/." "$work/test/classes/"
  done
  rm -rf "$work/test/classes/vim-parity" # 3 MB of CPU parity fixtures: what travels is capped
  local m2="$HOME/.m2/repository"
  (cd "$root" && ./mvnw -B -q dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:1.14.4 >&2)
  cp "$m2/org/junit/platform/junit-platform-console-standalone/1.14.4/junit-platform-console-standalone-1.14.4.jar" \
    "$work/test/junit-platform-console-standalone.jar"
  cp "$m2"/org/assertj/assertj-core/3.27.7/assertj-core-3.27.7.jar "$work/test/lib/"
  du -sh "$work"/* >&2
}

# The GPU machine has no font stack: Java2D text (the demo's labels, the training curves) needs
# libfontmanager's libraries and one font (gpu/jre-deps.sh lists the libraries; Java falls back to
# lib/fonts/ when fontconfig finds no font). gpu/check-jre.sh checks the result here.
source "$root/gpu/jre-deps.sh"
bundle_native_deps() {
  local deps
  deps="$(jre_native_deps "$2")"
  xargs -r cp -L -t "$1/lib/" <<< "$deps"
  mkdir -p "$1/lib/fonts" && cp -L "$(fc-match -f '%{file}' sans)" "$1/lib/fonts/"
}

link_jre() {
  echo "gpu: linking a Java runtime" >&2
  local java_home
  java_home="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
  rm -rf "$work/jdk"
  jlink --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.sql,java.xml,jdk.unsupported,java.scripting,jdk.zipfs,jdk.incubator.vector \
    --strip-debug --no-man-pages --no-header-files --output "$work/jdk" # uncompressed: xz packs it better
  cp -r "$java_home/include" "$work/jdk/include" # CMake's FindJNI needs the headers
  bundle_native_deps "$work/jdk" "$java_home"
  # xz: what travels is capped at 64 MiB; written aside first, so an interrupted run keeps the old one
  XZ_OPT=-9e tar -C "$work" -cJf "$work/jdk.tar.xz.part" jdk
  mv "$work/jdk.tar.xz.part" "$work/jdk.tar.xz" && rm -rf "$work/jdk"
}

case "$arg" in
  --jre) mkdir -p "$work" && link_jre && exit 0 ;;
  --app)
    [ -f "$work/jdk.tar.xz" ] || { echo "gpu: no gpu/work/ yet: run gpu/prepare.sh DJL_GIT_DIR" >&2; exit 2; }
    copy_app && exit 0 ;;
esac
djl_git="$arg"
rm -rf "$work" && mkdir -p "$work/djl" "$work/app"
link_jre

echo "gpu: extracting DJL $djl_tag JNI sources" >&2
git --git-dir="$(git -C "$djl_git" rev-parse --absolute-git-dir)" archive "$djl_tag" \
  engines/pytorch/pytorch-native/CMakeLists.txt engines/pytorch/pytorch-native/src/main/native \
  engines/pytorch/pytorch-native/src/main/patch api/src/main/native/djl \
  engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni | tar -x -C "$work/djl"

echo "gpu: generating the JNI header" >&2
native="$work/djl/engines/pytorch/pytorch-native"
api_jar="$(ls "$root"/streams/target/lib/api-*.jar 2>/dev/null || true)"
if [ -z "$api_jar" ]; then
  (cd "$root" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package >&2)
  api_jar="$(ls "$root"/streams/target/lib/api-*.jar)"
fi
javac -cp "$api_jar" -sourcepath "$work/djl/engines/pytorch/pytorch-engine/src/main/java" \
  "$work/djl/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java" \
  -h "$native/build/include" -d "$work/djl/classes"
rm -rf "$work/djl/classes" "$work/djl/engines/pytorch/pytorch-engine"

copy_app
