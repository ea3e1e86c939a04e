#!/usr/bin/env bash
# Installs the C library of roundtable under a prefix, as a C user expects
# it: the shared library with its soname and links, the static library,
# the header, and a pkg-config file.
#
#   scripts/install-c.sh PREFIX [debug|release] [--prebuilt]   (default: release)
#
# --prebuilt installs what target/<profile>/ holds, without building (the
# test command builds the C library and the CLI together, once).
#
# Then: PKG_CONFIG_PATH=PREFIX/lib/pkgconfig pkg-config --cflags --libs roundtable
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=${1:?usage: scripts/install-c.sh PREFIX [debug|release]}
profile=${2:-release}
build=yes
[ "${3:-}" = "--prebuilt" ] && build=no
case "$profile" in
    release) [ $build = no ] || cargo build --quiet --locked --release -p roundtable-cabi ;;
    debug) [ $build = no ] || cargo build --quiet --locked -p roundtable-cabi ;;
    *) echo "profile must be debug or release, not $profile" >&2; exit 2 ;;
esac

# One version everywhere: the workspace's.
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
major=${version%%.*}
[ -n "$version" ] || { echo "no workspace version in Cargo.toml" >&2; exit 2; }

prefix=$(mkdir -p "$prefix" && cd "$prefix" && pwd)
libdir="$prefix/lib"
mkdir -p "$libdir/pkgconfig" "$prefix/include"

install -m 0755 "target/$profile/libroundtable.so" "$libdir/libroundtable.so.$version"
ln -sf "libroundtable.so.$version" "$libdir/libroundtable.so.$major"
ln -sf "libroundtable.so.$major" "$libdir/libroundtable.so"
install -m 0644 "target/$profile/libroundtable.a" "$libdir/libroundtable.a"
install -m 0644 include/roundtable.h "$prefix/include/roundtable.h"

cat > "$libdir/pkgconfig/roundtable.pc" <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: roundtable
Description: Meetings of a cooperation group: notice, agenda, roster and contributions; validation, import and documents.
Version: $version
Libs: -L\${libdir} -lroundtable
Libs.private: -lpthread -ldl -lm
Cflags: -I\${includedir}
PC

echo "installed roundtable $version ($profile) under $prefix"
