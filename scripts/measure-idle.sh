#!/usr/bin/env bash
# Prints the desktop app's idle cost next to the floor (an empty Tauri 2 app with one tray icon
# and no window, tests/tray/empty-tray/), measured the same way in the same run: release builds,
# no window, a D-Bus session bus and a tray host (Xvfb + dbus-launch + trayer).
#
#   time to tray   start of the process -> its icon's pixels are in the tray (screenshot polling)
#   RSS            resident memory of the whole process tree after the idle period
#   CPU            user + system CPU seconds of the tree during the idle period
#
# IDLE_MINUTES (default 10) sets the idle period; SETTLE_SECONDS (default 20) the wait after the
# icon appears before the idle period starts. The app runs on the demo site with a daily
# schedule (interval 24 h, no active hours), so no sync fires while it idles; the countdown in
# the menu still ticks every minute. Not a test: it prints figures and the targets.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
idle_minutes="${IDLE_MINUTES:-10}"
settle="${SETTLE_SECONDS:-20}"

if [ "${MEASURE_NO_BUILD:-0}" != 1 ]; then
  echo "== release builds (MEASURE_NO_BUILD=1 measures the binaries already built)"
  # As `tauri build` builds it (custom-protocol: the UI served from the binary), so the figures
  # are those of the shipped app; the CLI (debug is fine) only prepares the data dir.
  cargo build --release --locked -p fossa-sync-desktop --features tauri/custom-protocol || exit 1
  cargo build --locked -p fossa-sync || exit 1
  cargo build --release --manifest-path tests/tray/empty-tray/Cargo.toml --features tauri/custom-protocol \
    --target-dir "$root/target/empty-tray" || exit 1
fi
app="$root/target/release/fossa-sync-desktop"
cli="$root/target/debug/fossa-sync"
empty="$root/target/empty-tray/release/empty-tray"

source "$root/tests/tray/session.sh"
work="$(mktemp -d)"
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  session_stop
  rm -rf "$work"
}
trap cleanup EXIT
session_start || exit 1
ticks_per_second=$(getconf CLK_TCK)

# measure NAME COMMAND...: starts it, waits for its green icon, idles, prints one line.
measure() {
  local name="$1"
  shift
  local start_ns visible_ns cpu_start cpu_end rss
  start_ns=$(date +%s%N)
  "$@" >"$work/$name.log" 2>&1 &
  pid=$!
  if ! wait_for_colour "$work/$name.png" 46 158 68 60; then
    echo "$name: no tray icon within 60 s" >&2
    tail -20 "$work/$name.log" >&2
    kill "$pid" 2>/dev/null
    pid=""
    return 1
  fi
  visible_ns=$(date +%s%N)
  sleep "$settle"
  cpu_start=$(tree_cpu_ticks "$pid")
  sleep "$((idle_minutes * 60))"
  cpu_end=$(tree_cpu_ticks "$pid")
  rss=$(tree_rss_kib "$pid")
  kill -TERM "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  pid=""
  printf '%s %s %s %s\n' "$name" "$(((visible_ns - start_ns) / 1000000))" "$rss" \
    "$((cpu_end - cpu_start))" >>"$work/figures"
}

echo "== floor: empty Tauri tray app (idle ${idle_minutes} min)"
measure empty "$empty" || exit 1

echo "== Fossa Sync desktop app, demo site, window closed (idle ${idle_minutes} min)"
data="$work/data"
"$cli" --data-dir "$data/demo" schedule set --interval 24h --active-hours off >/dev/null || exit 1
FOSSA_SYNC_DATA_DIR="$data" FOSSA_SYNC_NO_KEYRING=1 measure app "$app" --hidden || exit 1
runs=$("$cli" --data-dir "$data/demo" history --json | grep -c '"id"')

awk -v minutes="$idle_minutes" -v hz="$ticks_per_second" -v runs="$runs" '
  { tray[$1] = $2 / 1000; rss[$1] = $3 / 1024; cpu[$1] = $4 / hz }
  END {
    printf "\n%-28s %14s %14s\n", "", "empty tray", "Fossa Sync"
    printf "%-28s %12.2f s %12.2f s\n", "start to tray icon", tray["empty"], tray["app"]
    printf "%-28s %11.1f MB %11.1f MB\n", "idle RSS (process tree)", rss["empty"], rss["app"]
    printf "%-28s %12.2f s %12.2f s\n", "CPU during " minutes " min idle", cpu["empty"], cpu["app"]
    per10 = cpu["app"] * 10 / minutes
    printf "\nRSS ratio app/floor: %.2f (target <= 1.25)\n", rss["app"] / rss["empty"]
    printf "CPU per 10 min idle: %.2f s (target <= 0.2)\n", per10
    printf "start to tray: %.2f s (target <= 1.5)\n", tray["app"]
    printf "syncs run by the app (the demo'"'"'s first sync at start): %d\n", runs
    if (minutes != 10) printf "NOTE: idle period shortened to %s min (IDLE_MINUTES)\n", minutes
  }' "$work/figures"
