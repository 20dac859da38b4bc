#!/usr/bin/env bash
# Runs every test of Fossa Sync: formatting, lints, and the whole test suite.
# Installs what the tests need first (on Debian, as root or with sudo); safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh test

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy (-D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --workspace --locked --no-fail-fast 2>&1 | tee target/test-output.log
# One closing line for CI readers: the totals of every test binary.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^ignored/) s += $i } }
     END { printf "Total: %d passed, %d failed, %d skipped\n", p, f, s }' target/test-output.log
