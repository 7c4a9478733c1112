#!/usr/bin/env bash
# Prepares, on a developer machine, everything the GPU machine needs to run mambastream on CUDA:
#   gpu/work/jdk.tar.xz  a jlink'd Java 17 runtime with JNI headers (the GPU machine has no Java)
#   gpu/work/djl/      DJL v0.36.0's PyTorch JNI sources plus the generated JNI header
#   gpu/work/app/      mambastream.jar and its dependency jars, minus the CPU-only libtorch jar
#   gpu/work/test/     the backbones module's compiled tests (classes only, no fixture files),
#                      AssertJ and JUnit's console launcher, for gpu/test-on-device.sh (about 5 MB)
# Usage: gpu/prepare.sh DJL_GIT_DIR
#   DJL_GIT_DIR: a git repository (bare or not) of github.com/deepjavalibrary/djl holding tag v0.36.0.
# gpu/work/ is git-ignored and never committed; the DJL sources are Apache-2.0 and stay outside git.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/gpu/work"
djl_git="${1:?usage: gpu/prepare.sh DJL_GIT_DIR (a clone of deepjavalibrary/djl with tag v0.36.0)}"
djl_tag=v0.36.0

rm -rf "$work" && mkdir -p "$work/djl" "$work/app"

echo "gpu: linking a Java runtime" >&2
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
jlink --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.sql,java.xml,jdk.unsupported,java.scripting,jdk.zipfs,jdk.incubator.vector \
  --strip-debug --no-man-pages --no-header-files --output "$work/jdk" # uncompressed: xz packs it better
cp -r "$java_home/include" "$work/jdk/include" # CMake's FindJNI needs the headers
XZ_OPT=-9e tar -C "$work" -cJf "$work/jdk.tar.xz" jdk && rm -rf "$work/jdk" # xz: what travels is capped at 64 MiB

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

echo "gpu: copying the application" >&2
(cd "$root" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package >&2)
cp "$root/streams/target/mambastream.jar" "$work/app/"
mkdir -p "$work/app/lib"
find "$root/streams/target/lib" -name '*.jar' ! -name 'pytorch-native-cpu-*' ! -name 'pytorch-jni-*' -exec cp {} "$work/app/lib/" \; # the JNI is built there
echo "gpu: copying the GPU tests and JUnit's console launcher" >&2
mkdir -p "$work/test/classes" "$work/test/lib"
cp -r "$root/backbones/target/test-classes/io" "$work/test/classes/" # compiled by package above
# JUnit Jupiter 5.x runs on JUnit Platform 1.x of the same minor and patch version.
junit_platform="$(sed -n 's:.*<junit.version>5\.\(.*\)</junit.version>.*:1.\1:p' "$root/pom.xml")"
assertj="$(sed -n 's:.*<assertj.version>\(.*\)</assertj.version>.*:\1:p' "$root/pom.xml")"
for artifact in "org.junit.platform:junit-platform-console-standalone:$junit_platform" \
    "org.assertj:assertj-core:$assertj"; do # from ~/.m2, else Maven Central
  (cd "$root" && ./mvnw -B -q -N dependency:copy -Dartifact="$artifact" \
    -DoutputDirectory="$work/test/lib" >&2)
done
du -sh "$work"/* >&2
