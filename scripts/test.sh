#!/usr/bin/env bash
# Runs every test of Fossa Sync on a fresh Debian machine (installs what the tests need first):
#   the UI (type check, unit tests, build), formatting, lints, the Rust tests (engine, CLI,
#   simulated site, HTTP API, desktop shell), the TypeScript bindings check, the browser tests,
#   the end-to-end tray test under Xvfb, bounded fuzzing, and the .deb bundle.
# Set FOSSA_TEST_QUICK=1 to stop after the Rust tests. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/artifacts
step() { echo; echo "== $*"; }
disk() { echo "-- disk: $(df -h --output=avail . | tail -n 1 | tr -d ' ') free, target $(du -sh target 2>/dev/null | cut -f1)"; }
# A one-off build gains nothing from incremental compilation, which takes gigabytes of disk.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

step "system packages"
./scripts/setup.sh test

step "web UI: npm ci, type check, unit tests, build"
npm --prefix ui ci --no-audit --no-fund
npm --prefix ui run check
npm --prefix ui test
npm --prefix ui run build

step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy (-D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "cargo test"
cargo test --workspace --locked --no-fail-fast 2>&1 | tee target/test-output.log
disk
cargo_totals=$(awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^ignored/) s += $i } }
     END { printf "%d %d %d", p, f, s }' target/test-output.log)
read -r passed failed skipped <<<"$cargo_totals"

if [ -z "${FOSSA_TEST_QUICK:-}" ]; then
  step "TypeScript bindings are current"
  ./scripts/check-bindings.sh

  step "browser tests (Playwright on Debian's chromium, daemon --http + simulated site)"
  node ui/e2e/run.mjs --no-build | tee target/e2e-output.log
  read -r e2e_passed e2e_failed < <(tail -n 1 target/e2e-output.log | awk '{print $1, $3}')
  passed=$((passed + e2e_passed)); failed=$((failed + e2e_failed))

  step "end-to-end tray test (Xvfb, dbus, trayer)"
  cargo build --locked -p fossa-sync-desktop -p fossa-sync
  bash tests/tray/run.sh
  passed=$((passed + 1))
  disk
  # CI (.ci/run) sets this: the debug build is no longer needed, and fuzzing and the release
  # build need the space.
  if [ -n "${FOSSA_TEST_FREE_DISK:-}" ]; then rm -rf target/debug; disk; fi

  step "fuzzing (60 s per target)"
  ./scripts/fuzz.sh 60

  step ".deb bundle (offline, no AppImage)"
  # The shipped .deb is built with the `desktop` profile (Cargo.toml). What this checks is the
  # bundling: the profile's whole-program LTO adds about 10 minutes on a 2-core machine and is
  # left out here (cargo's own environment override of the profile's settings).
  (cd src-tauri && npm ci --no-audit --no-fund &&
    CARGO_PROFILE_DESKTOP_LTO=false CARGO_PROFILE_DESKTOP_CODEGEN_UNITS=16 \
      npx tauri build --bundles deb -- --profile desktop)
  ls -l target/desktop/bundle/deb/*.deb
fi

echo
echo "Total: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
