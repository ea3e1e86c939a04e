#!/usr/bin/env bash
# Every test of the project, from a fresh clone: what .ci/run calls and what
# README.md names. Installs what it needs itself.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== [%ds] %s\n' "$SECONDS" "$*"; }

# A fresh clone builds everything once: incremental caches would only take
# disk (0.8 GB), which a CI machine may not have.
export CARGO_INCREMENTAL=0
step "disk: free space where the build writes"
df -h . | tail -n 1

step "the manual: every relative link between its pages resolves"
python3 scripts/check_docs.py links

step "formatting"
cargo fmt --all -- --check

step "lints"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests (unit, integration, doc)"
cargo test --workspace --locked

step "API docs of the crate build without broken links"
RUSTDOCFLAGS="-D warnings" cargo doc -p roundtable --no-deps --locked --quiet

step "the crate packages as published (it reads no file outside itself)"
cargo package -p roundtable --locked --quiet --allow-dirty

step "C ABI: installed under a prefix (the debug build), C11 and C++17 builds"
# As a C user has it: the shared library with its soname and links, the
# static library, the header and roundtable.pc (the header's freshness is
# checked by the Rust tests above).
# The C library and the command line, built as the tests above built them
# (all targets of the workspace: the same feature resolution, so nothing is
# compiled again but the libraries' final forms).
cargo build --locked --quiet --workspace --all-targets
scripts/install-c.sh target/c-prefix debug --prebuilt
C_PREFIX="$PWD/target/c-prefix"
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
mkdir -p target/c-tests
CFLAGS=(-std=c11 -Wall -Wextra -Werror -pedantic -I"$C_PREFIX/include")
LINK=(-L"$C_PREFIX/lib" -lroundtable -Wl,-rpath,"$C_PREFIX/lib")
cc "${CFLAGS[@]}" tests/c/test_roundtable.c "${LINK[@]}" -o target/c-tests/test_roundtable
cc "${CFLAGS[@]}" tests/c/test_corpus.c "${LINK[@]}" -o target/c-tests/test_corpus
c++ -std=c++17 -Wall -Wextra -Werror -pedantic -I"$C_PREFIX/include" tests/c/header_check.cpp \
    "$C_PREFIX/lib/libroundtable.a" -lpthread -ldl -lm -o target/c-tests/header_check

step "C tests (shared library)"
./target/c-tests/test_roundtable tests/data

step "the corpus through the C header (the Rust and Python runners run with their suites)"
./target/c-tests/test_corpus tests/corpus

step "C++ check (static library)"
./target/c-tests/header_check

step "pkg-config: the installed library's version, and the soname a program asks for"
if command -v pkg-config >/dev/null; then
    [ "$(PKG_CONFIG_PATH="$C_PREFIX/lib/pkgconfig" pkg-config --modversion roundtable)" = "$version" ]
    readelf -d target/c-tests/test_roundtable | grep -q "Shared library: \[libroundtable.so.${version%%.*}\]"
    echo "roundtable $version, soname libroundtable.so.${version%%.*}"
else
    echo "pkg-config is not installed: skipped (apt-get install pkg-config)"
fi

step "C tests under valgrind"
if command -v valgrind >/dev/null; then
    valgrind --error-exitcode=1 --num-callers=50 --suppressions=tests/c/valgrind.supp --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
        --quiet ./target/c-tests/test_roundtable tests/data
    valgrind --error-exitcode=1 --num-callers=50 --suppressions=tests/c/valgrind.supp --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
        --quiet ./target/c-tests/test_corpus tests/corpus
else
    echo "valgrind is not installed: skipped (apt-get install valgrind)"
fi

step "C tests under AddressSanitizer and UndefinedBehaviorSanitizer"
if echo 'int main(void){return 0;}' | cc -x c -fsanitize=address,undefined -o target/c-tests/asan-probe - 2>/dev/null; then
    for t in test_roundtable test_corpus; do
        cc "${CFLAGS[@]}" -fsanitize=address,undefined -fno-omit-frame-pointer -g "tests/c/$t.c" \
            "${LINK[@]}" -o "target/c-tests/${t}_asan"
    done
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
    ./target/c-tests/test_roundtable_asan tests/data
    ./target/c-tests/test_corpus_asan tests/corpus
    unset ASAN_OPTIONS UBSAN_OPTIONS
else
    echo "the C compiler has no AddressSanitizer here: skipped (apt-get install libasan8 libubsan1)"
fi

step "the C examples of the README and the manual compile as shown and run"
rm -rf target/doc-examples
for example in $(python3 scripts/check_docs.py extract c target/doc-examples); do
    # With pkg-config only, as the pages show (when pkg-config is there).
    if command -v pkg-config >/dev/null; then
        # shellcheck disable=SC2046
        cc -std=c11 -Wall -Wextra -Werror -pedantic "$example" \
            $(PKG_CONFIG_PATH="$C_PREFIX/lib/pkgconfig" pkg-config --cflags --libs roundtable) \
            -Wl,-rpath,"$C_PREFIX/lib" -o "${example%.c}"
    else
        cc "${CFLAGS[@]}" "$example" "${LINK[@]}" -o "${example%.c}"
    fi
    echo "-- $example"
    "${example%.c}" | tee "${example%.c}.out"
done
grep -q ' findings$' target/doc-examples/README.out
grep -q 'notice.short_notice' target/doc-examples/docs-c.out

step "the CMake example finds the installed library with pkg_check_modules"
# cmake comes from PyPI into the project's venv when the machine has none.
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
if command -v pkg-config >/dev/null; then
    CMAKE=$(command -v cmake || true)
    if [ -z "$CMAKE" ]; then
        .venv/bin/python -m pip install --quiet "cmake>=3.16"
        CMAKE=.venv/bin/cmake
    fi
    rm -rf target/cmake-example
    "$CMAKE" -S tests/cmake -B target/cmake-example -DCMAKE_PREFIX_PATH="$C_PREFIX" >/dev/null
    "$CMAKE" --build target/cmake-example >/dev/null
    ./target/cmake-example/roundtable_example | tee target/cmake-example/out.txt
    grep -qx "roundtable $version" target/cmake-example/out.txt
    grep -q ' findings$' target/cmake-example/out.txt
else
    echo "pkg-config is not installed: skipped (apt-get install pkg-config)"
fi

step "poppler (pdftotext, pdffonts, pdfinfo): an independent reader of the PDFs, for the Python tests"
if ! command -v pdftotext >/dev/null; then
    # Debian's package; the tests of the PDFs do not skip in CI.
    apt-get install -y -q poppler-utils >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null && apt-get install -y -q poppler-utils >/dev/null; }
fi
pdftotext -v 2>&1 | sed -n 1p  # sed reads it all: head would close the pipe (SIGPIPE under pipefail)

step "Python: the wheel (release, abi3) and the sdist, the wheel installed into the venv (.venv)"
.venv/bin/python -m pip install --quiet --upgrade "maturin>=1.7,<2" "pytest>=8" "mypy>=1.10" \
    "icalendar>=6" "ical>=9" "html5lib>=1.1" types-html5lib \
    "jsonschema>=4.18" rfc3339-validator types-jsonschema "xmlschema>=3" "pikepdf>=9"
rm -rf target/wheels
(cd python && ../.venv/bin/maturin build --release --locked --quiet --out ../target/wheels \
    && ../.venv/bin/maturin sdist --out ../target/wheels)
ls target/wheels
# The installed wheel is what the tests import, not the source tree (on a
# clean clone the venv is new; locally this replaces a develop build).
.venv/bin/python -m pip install --quiet --force-reinstall --no-deps target/wheels/roundtable-*.whl

step "Python: stubs match the installed module (mypy.stubtest), tests type-check (mypy --strict)"
(cd target && ../.venv/bin/python -m mypy.stubtest roundtable)
(cd python && ../.venv/bin/python -m mypy --strict tests)

step "Python tests, against the installed wheel"
(cd target && ROUNDTABLE_TEST_INSTALLED=1 ../.venv/bin/python -m pytest -q -p no:cacheprovider ../python/tests)

step "the Python examples of the README and the manual run as written"
for example in $(python3 scripts/check_docs.py extract python target/doc-examples); do
    echo "-- $example"
    .venv/bin/python "$example" | tee "${example%.py}.py.out"
done
grep -q 'contribution.empty_section' target/doc-examples/README.py.out
grep -q 'roster.email' target/doc-examples/docs-python.py.out

step "the main job on the seed"
# The README's first command (cargo run -p roundtable-cli -- seed) runs
# this binary, built above.
out=$(target/debug/roundtable seed)
printf '%s\n' "$out"
grep -q 'notice.short_notice' <<<"$out"
grep -q 'did you mean "Elverum Vekst"' <<<"$out"
for f in seed-meeting.ics seed-agenda.nb.md seed-minutes.en.html; do
    cmp "out/seed/$f" "tests/golden/$f"
done
cmp out/seed/archive/arkivstruktur.xml tests/golden/seed-arkivstruktur.xml
for f in tests/golden/seed-arkivmelding/*.xml; do
    cmp "out/seed/archive/$(basename "$f")" "$f"
done

step "all tests passed"
du -sh target .venv 2>/dev/null || true
