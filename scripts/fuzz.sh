#!/usr/bin/env bash
# Builds the cargo-fuzz targets in fuzz/ once and runs each for SECONDS (default 60) with
# libFuzzer's -max_total_time. Prints one line per target (runs, exec/s, coverage, corpus,
# result) and exits non-zero if any target crashed, timed out or ran out of memory.
#
#   scripts/fuzz.sh [SECONDS]          CI runs `scripts/fuzz.sh 60`
#   FUZZ_TARGETS="schedule_text" scripts/fuzz.sh 30     only some targets
#   FUZZ_SANITIZER=address scripts/fuzz.sh              with ASan (slower; default: none, the
#                                                       fuzzed code is safe Rust)
#
# Only stable Rust is needed: RUSTC_BOOTSTRAP=1 lets it take the -Z flags cargo-fuzz passes.
# cargo-fuzz is installed from crates.io when missing. The build goes to fuzz/target (its own
# workspace and lock file), so it does not block builds of the main workspace. Seeds come from
# fuzz/corpus/<target> (committed); what a run finds goes to fuzz/corpus-grown/<target> (not
# committed); inputs in fuzz/regressions/<target> are replayed first. Crash inputs land in
# fuzz/artifacts/<target>/, full logs in fuzz/logs/<target>.log.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/fuzz.sh [SECONDS]  (a positive whole number, default 60)" >&2
  exit 2
fi
cargo_fuzz_version="0.13.2"
sanitizer="${FUZZ_SANITIZER:-none}"
export RUSTC_BOOTSTRAP=1

command -v cargo >/dev/null || { echo "cargo is needed: install Rust (rustup) first" >&2; exit 1; }
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz $cargo_fuzz_version from crates.io"
  cargo install cargo-fuzz --locked --version "$cargo_fuzz_version"
fi

flags=(--fuzz-dir fuzz --sanitizer "$sanitizer")
if [ -n "${FUZZ_TARGETS:-}" ]; then
  read -r -a targets <<<"$FUZZ_TARGETS"
else
  mapfile -t targets < <(cargo fuzz list --fuzz-dir fuzz)
fi

echo "== cargo fuzz build (${#targets[@]} targets, sanitizer $sanitizer)"
build_start=$(date +%s)
cargo fuzz build "${flags[@]}"
echo "== build took $(($(date +%s) - build_start)) s"

mkdir -p fuzz/logs
passed=0
failed=0
summary=()
for target in "${targets[@]}"; do
  grown="fuzz/corpus-grown/$target"
  mkdir -p "$grown" "fuzz/corpus/$target"
  # New inputs are written to the first directory; the committed seeds stay as they are.
  dirs=("$grown" "fuzz/corpus/$target")
  [ -d "fuzz/regressions/$target" ] && dirs+=("fuzz/regressions/$target")
  case "$target" in
    parse_page*) dict=fuzz/dict/html.dict ;;
    *) dict=fuzz/dict/schedule.dict ;;
  esac
  log="fuzz/logs/$target.log"
  echo "== fuzzing $target for $seconds s"
  status=0
  cargo fuzz run "${flags[@]}" "$target" "${dirs[@]}" -- \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
    -dict="$dict" -print_final_stats=1 >"$log" 2>&1 || status=$?

  # The last status line: `#N DONE cov: C ft: F corp: K/SIZE ... exec/s: E rss: R`.
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  field() { sed -nE "s/.* $1 ([^ ]+).*/\\1/p" <<<"$last"; }
  runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -n 1)
  rate=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+).*/\1/p' "$log" | tail -n 1)
  [ -n "$runs" ] || runs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$last")
  if [ "$status" -eq 0 ]; then
    result="ok"
    passed=$((passed + 1))
  else
    artifact=$(sed -nE 's/.*Test unit written to (.*)$/\1/p' "$log" | tail -n 1)
    kind=$(grep -oE 'ERROR: libFuzzer: [a-z-]+|panicked at [^:]+:[0-9]+' "$log" | head -n 1 || true)
    result="FAILED (exit $status${kind:+, $kind}${artifact:+, input $artifact}; log $log)"
    failed=$((failed + 1))
  fi
  line=$(printf '%-20s runs %-9s exec/s %-6s cov %-5s ft %-6s corpus %-12s %s' \
    "$target" "${runs:-?}" "${rate:-?}" "$(field cov:)" "$(field ft:)" "$(field corp:)" "$result")
  echo "$line"
  summary+=("$line")
done

echo "== fuzz summary ($seconds s per target)"
printf '%s\n' "${summary[@]}"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
