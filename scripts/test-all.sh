#!/usr/bin/env bash
# Every test of the project, from a fresh clone: what .ci/run calls and what
# README.md names. Installs what it needs itself.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "formatting"
cargo fmt --all -- --check

step "lints"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests (unit, integration, doc)"
cargo test --workspace --locked

step "the main job on the seed"
out=$(cargo run --quiet --locked --example seed)
printf '%s\n' "$out"
grep -q 'notice.short_notice' <<<"$out"
grep -q 'did you mean "Elverum Vekst"' <<<"$out"

step "all tests passed"
