#!/usr/bin/env bash
# Every performance figure of Fossa Sync in one run (release builds, the desktop app with its own
# `desktop` profile; not a test: nothing here fails on a slow figure). Prints the figures and
# writes them to target/bench/figures.txt:
#   - parse throughput, sync time vs. network bound (1k and 10k rows, 0 and 200 ms latency),
#     CLI peak RSS during the 10k sync, rows written by a no-change resync   (bench `sync`)
#   - 50k-row sync and resync, history page / filter / chart queries over 100k runs,
#     headless daemon idle RSS and CPU over 60 s                              (bench `load`)
#   - a dispenser run over ~200 stations at 200 ms latency next to its bound (2 at a time), and
#     the rows a rerun with no change writes                                 (bench `dispensers`)
#   - 1k rows read through Chromium from the application-mode site next to plain HTTP, at 0 and
#     200 ms latency: wall, CPU and peak RSS of the process tree, browser gone after (bench `browser`)
#   - the desktop app's idle RSS and PSS next to an empty Tauri tray app measured the same way in
#     the same session, and the ratios; idle CPU per 10 min; start to tray; a sync's peak RSS
#     (window closed) and the level a minute after                            (scripts/measure-idle.sh)
# IDLE_MINUTES (default 10) sets the tray idle period; FOSSA_BENCH_IDLE_SECONDS (default 60) the
# daemon's; SKIP_TRAY=1 leaves the desktop measurement out; ROUNDS, FIRST, SAMPLE_SECONDS go to
# measure-idle.sh.
set -uo pipefail
cd "$(dirname "$0")/.."
out=target/bench
mkdir -p "$out"
figures="$out/figures.txt"
{
  echo "Fossa Sync benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, commit $(git rev-parse --short HEAD), load $(cut -d' ' -f1-3 /proc/loadavg)"
  cargo bench --locked -p fossa-sync --bench sync 2>/dev/null | grep -E '^(parse|sync|resync|cli):'
  cargo bench --locked -p fossa-sync --bench load 2>/dev/null | grep -E '^(load|history|daemon):'
  cargo bench --locked -p fossa-sync --bench dispensers 2>/dev/null | grep -E '^dispensers:'
  cargo bench --locked -p fossa-sync --bench browser 2>/dev/null | grep -E '^browser:'
  if [ -z "${SKIP_TRAY:-}" ]; then
    ./scripts/measure-idle.sh 2>/dev/null | grep -vE '^== '
  fi
} | tee "$figures"
echo "(written to $figures)"
