# Sourced by gpu/prepare.sh and gpu/check-jre.sh: the system libraries that the runtime's font and
# imaging code needs and the GPU machine lacks (it has no font stack). The JDK libraries below have
# RPATH $ORIGIN, so copies of their dependencies in the runtime's lib/ are found first.
jre_bundled_for="libfontmanager.so libjavajpeg.so liblcms.so"

# Prints the resolved path of each such dependency of JAVA_HOME's libraries, one per line; fails,
# naming it, when one is missing here (libjvm.so is reported missing by ldd and found at run time).
jre_native_deps() {
  local java_home="$1" name listing
  for name in $jre_bundled_for; do
    listing="$(ldd "$java_home/lib/$name")"
    if grep 'not found' <<< "$listing" | grep -qv 'libjvm.so'; then
      echo "gpu: $name needs a library this machine lacks:" >&2
      grep 'not found' <<< "$listing" >&2
      return 1
    fi
    awk '$3 ~ /^\// { print $3 }' <<< "$listing"
  done | while read -r dep; do
    case "$(basename "$dep")" in
      libc.so*|libm.so*|libstdc++.so*|libgcc_s.so*|ld-linux*|libpthread.so*|libdl.so*|libjava.so|libjvm.so|libawt*.so) ;;
      *) echo "$dep" ;;
    esac
  done | sort -u
}
