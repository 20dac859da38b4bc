#!/usr/bin/env bash
# Prints the desktop app's idle cost next to the floor (an empty Tauri 2 app with one tray icon
# and no window, tests/tray/empty-tray/), both measured the same way in the same session: both
# built with the same settings (the workspace's `desktop` profile), no window (the app with --hidden, as autostart starts it), one Xvfb + D-Bus session bus
# + tray host (trayer) for both, the same settle time and idle period, one after the other (never
# side by side: shared pages would be split between them and lower both PSS figures).
#
#   time to tray   start of the process -> its icon's pixels are in the tray (screenshot polling)
#   RSS, PSS       of the whole process tree, from /proc/PID/smaps_rollup (PSS also split into
#                  anonymous and file-backed); sampled every SAMPLE_SECONDS over the idle period,
#                  the figure is the median of the samples (of all rounds)
#   CPU            user + system CPU seconds of the tree during the idle period
#   sync peak      the app only, after its idle period: a sync started through its control socket
#                  (`fossa-sync sync`), the tree's peak RSS during it (VmHWM, reset just before),
#                  then RSS/PSS a minute after the sync ended
#
# IDLE_MINUTES (default 10) idle period; SETTLE_SECONDS (default 20) wait after the icon appears;
# SAMPLE_SECONDS (default 30); ROUNDS (default 1) measures both apps ROUNDS times, alternating
# which goes first; FIRST=app|empty (default app) which one the first round starts with;
# FOSSA_DESKTOP_BIN=PATH and EMPTY_TRAY_BIN=PATH measure other builds of the two apps;
# BREAKDOWN_DIR=DIR writes each app's memory by mapping there at the end of its idle period (the
# binary split by permission: r-xp code, r--p read-only data, rw-p data and relocations; each
# library; heap; other anonymous memory, i.e. malloc arenas and thread stacks) and its threads
# by name. The app runs on the demo site (its first sync at start) with a daily schedule, so no
# scheduled sync fires while it idles; the menu's countdown still ticks.
# Not a test: it prints figures and their targets.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
target="${CARGO_TARGET_DIR:-$root/target}"
idle_minutes="${IDLE_MINUTES:-10}"
settle="${SETTLE_SECONDS:-20}"
sample_every="${SAMPLE_SECONDS:-30}"
rounds="${ROUNDS:-1}"
first="${FIRST:-app}"

if [ "${MEASURE_NO_BUILD:-0}" != 1 ]; then
  echo "== release builds (MEASURE_NO_BUILD=1 measures the binaries already built)"
  # As `tauri build` builds it (custom-protocol: the UI served from the binary), so the figures
  # are those of the shipped app; the CLI (release: it shares
  # the build) prepares the data dir and starts the measured sync.
  cargo build --profile desktop --locked -p fossa-sync-desktop --features tauri/custom-protocol || exit 1
  cargo build --release --locked -p fossa-sync || exit 1
  cargo build --release --manifest-path tests/tray/empty-tray/Cargo.toml --features tauri/custom-protocol \
    --target-dir "$target/empty-tray" || exit 1
fi
# Where cargo put them (CARGO_TARGET_DIR honoured: measuring a stale ./target binary is wrong).
app="${FOSSA_DESKTOP_BIN:-$target/desktop/fossa-sync-desktop}"
cli="$target/release/fossa-sync"
empty="${EMPTY_TRAY_BIN:-$target/empty-tray/release/empty-tray}"
for binary in "$app" "$cli" "$empty"; do
  [ -x "$binary" ] || { echo "missing $binary (build it, or unset MEASURE_NO_BUILD)" >&2; exit 1; }
done

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
hz=$(getconf CLK_TCK)
green=46,158,68

# tree_smaps PID: "rss pss pss_anon pss_file" in KiB, summed over the process tree.
tree_smaps() {
  local p
  for p in $(tree_pids "$1"); do
    cat "/proc/$p/smaps_rollup" 2>/dev/null
  done | awk '/^Rss:/ { r += $2 } /^Pss:/ { p += $2 } /^Pss_Anon:/ { a += $2 }
    /^Pss_File:/ { f += $2 } END { printf "%d %d %d %d\n", r, p, a, f }'
}

# tree_hwm PID: the sum of the tree's peak RSS (VmHWM), KiB; tree_hwm_reset PID resets it.
tree_hwm() {
  local p
  for p in $(tree_pids "$1"); do awk '/^VmHWM:/ { print $2 }' "/proc/$p/status" 2>/dev/null; done |
    awk '{ s += $1 } END { print s + 0 }'
}
tree_hwm_reset() {
  local p
  for p in $(tree_pids "$1"); do echo 5 >"/proc/$p/clear_refs" 2>/dev/null; done
}

# breakdown PID FILE: Rss/Pss (KiB) by mapping: the executable, each shared library, heap,
# thread stacks and other anonymous memory (sorted by PSS).
breakdown() {
  local exe
  exe=$(readlink "/proc/$1/exe")
  awk -v exe="$exe" '
    /^[0-9a-f]+-[0-9a-f]+ / {
      name = (NF >= 6) ? $6 : "[anon]"
      if (name == exe) name = "[binary " $2 "] " name
      next
    }
    /^Rss:/ { rss[name] += $2 } /^Pss:/ { pss[name] += $2 }
    /^Anonymous:/ { anon[name] += $2 }
    END {
      for (n in pss) printf "%8d %8d %8d  %s\n", rss[n], pss[n], anon[n], n
    }' "/proc/$1/smaps" | sort -k2,2nr >"$2.tmp"
  {
    echo "    RSS      PSS     anon  mapping (KiB; threads: $(ls /proc/"$1"/task | wc -l))"
    cat "$2.tmp"
    echo "threads by name:"
    cat /proc/"$1"/task/*/comm 2>/dev/null | sort | uniq -c | sort -nr
  } >"$2"
  rm -f "$2.tmp"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# wait_icon FILE SECONDS R,G,B...: screenshots until the tray shows one of the colours.
wait_icon() {
  local file="$1" deadline=$((SECONDS + $2)) colour
  shift 2
  while [ "$SECONDS" -le "$deadline" ]; do
    if screenshot "$file"; then
      for colour in "$@"; do
        # shellcheck disable=SC2046 # the colour's three numbers
        [ "$(tray_pixels "$file" $(tr , ' ' <<<"$colour"))" -ge 20 ] && return 0
      done
    fi
    sleep 0.1
  done
  return 1
}
# measure NAME "R,G,B..." COMMAND...: starts it, times its first icon (any of the colours), waits
# for the green icon (the app: its first sync done), settles, samples over the idle period; appends
# "NAME tray_ms cpu_ticks" to figures and the samples to NAME.mem.
measure() {
  local name="$1" colours="$2"
  shift 2
  local start_ns visible_ns cpu_start cpu_end end
  start_ns=$(date +%s%N)
  "$@" >>"$work/$name.log" 2>&1 &
  pid=$!
  # shellcheck disable=SC2086 # a list of colours
  if ! wait_icon "$work/$name.png" 60 $colours; then
    echo "$name: no tray icon within 60 s" >&2
    tail -20 "$work/$name.log" >&2
    return 1
  fi
  visible_ns=$(date +%s%N)
  wait_icon "$work/$name.png" 120 "$green" || { echo "$name: the icon did not turn green" >&2; return 1; }
  sleep "$settle"
  cpu_start=$(tree_cpu_ticks "$pid")
  end=$((SECONDS + idle_minutes * 60))
  while [ "$SECONDS" -lt "$end" ]; do
    sleep "$sample_every"
    tree_smaps "$pid" >>"$work/$name.mem"
  done
  cpu_end=$(tree_cpu_ticks "$pid")
  [ -n "${BREAKDOWN_DIR:-}" ] && mkdir -p "$BREAKDOWN_DIR" && breakdown "$pid" "$BREAKDOWN_DIR/$name.txt"
  echo "$name $(((visible_ns - start_ns) / 1000000)) $((cpu_end - cpu_start))" >>"$work/figures"
}

stop() {
  kill -TERM "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  pid=""
}

# sync_peak: a sync through the app's control socket; the peak during it and the level a minute
# after ("peak_kib rss pss pss_anon pss_file seconds" in sync).
sync_peak() {
  local t0 secs
  tree_hwm_reset "$pid"
  t0=$SECONDS
  "$cli" --data-dir "$data/demo" sync >>"$work/sync.log" 2>&1 || echo "(the sync failed: see its log)" >&2
  secs=$((SECONDS - t0))
  local peak
  peak=$(tree_hwm "$pid")
  sleep 60
  echo "$peak $(tree_smaps "$pid") $secs" >"$work/sync"
  [ -n "${BREAKDOWN_DIR:-}" ] && breakdown "$pid" "$BREAKDOWN_DIR/app-after-sync.txt"
}

data="$work/data"
run_app() {
  rm -rf "$data"
  "$cli" --data-dir "$data/demo" schedule set --interval 24h --active-hours off >/dev/null || return 1
  # The demo's first sync runs at start; "after the first sync" the icon is green.
  FOSSA_SYNC_DATA_DIR="$data" FOSSA_SYNC_NO_KEYRING=1 measure app "$green 138,143,152 47,111,222" "$app" --hidden || return 1
  [ -s "$work/sync" ] || sync_peak
  stop
}
run_empty() {
  measure empty "$green" "$empty" || return 1
  stop
}

# The first GTK 3 client of an X session initialises GLX to pick its visuals (Mesa's llvmpipe:
# libLLVM and swrast_dri, about 50 MB resident for the rest of its life) and caches the answer on
# the root window (GDK_VISUALS) for every later client. A desktop session has run GTK clients
# before the tray app; here a throwaway client goes first, so neither measured app pays it. (The
# old script measured the empty app first: 116 MB against 64 MB second, hence its 0.71x.)
"$empty" >/dev/null 2>&1 &
warmup=$!
wait_icon "$work/warmup.png" 60 "$green" || echo "warm-up: no tray icon" >&2
kill "$warmup" 2>/dev/null
wait "$warmup" 2>/dev/null

order="$first"
for round in $(seq 1 "$rounds"); do
  if [ "$order" = app ]; then
    echo "== round $round: Fossa Sync (demo, --hidden), then the empty tray app; idle ${idle_minutes} min each"
    run_app || exit 1
    run_empty || exit 1
    order=empty
  else
    echo "== round $round: the empty tray app, then Fossa Sync (demo, --hidden); idle ${idle_minutes} min each"
    run_empty || exit 1
    run_app || exit 1
    order=app
  fi
done

for name in app empty; do
  for column in 1 2 3 4; do
    awk -v c="$column" '{ print $c }' "$work/$name.mem" | median
  done | paste -sd' ' >"$work/$name.median"
  echo "$(wc -l <"$work/$name.mem")" >>"$work/$name.median"
done
read -r app_rss app_pss app_anon app_file app_n < <(paste -sd' ' "$work/app.median")
read -r empty_rss empty_pss empty_anon empty_file empty_n < <(paste -sd' ' "$work/empty.median")
read -r peak sync_rss sync_pss _ _ sync_secs <"$work/sync"

awk -v m="$idle_minutes" -v hz="$hz" -v first="$first" -v rounds="$rounds" \
  -v ar="$app_rss" -v ap="$app_pss" -v aa="$app_anon" -v af="$app_file" -v an="$app_n" \
  -v er="$empty_rss" -v ep="$empty_pss" -v ea="$empty_anon" -v ef="$empty_file" -v en="$empty_n" \
  -v peak="$peak" -v sr="$sync_rss" -v sp="$sync_pss" -v ss="$sync_secs" \
  -v load="$(cut -d' ' -f1-3 /proc/loadavg)" '
  { tray[$1] += $2 / 1000; cpu[$1] += $3 / hz; n[$1]++ }
  END {
    for (k in n) { tray[k] /= n[k]; cpu[k] /= n[k] }
    mb = 1024
    printf "\n%-30s %12s %12s %8s\n", "(medians of " an " / " en " samples)", "empty tray", "Fossa Sync", "ratio"
    printf "%-30s %9.1f MB %9.1f MB %7.2fx\n", "idle RSS (process tree)", er / mb, ar / mb, ar / er
    printf "%-30s %9.1f MB %9.1f MB %7.2fx\n", "idle PSS (process tree)", ep / mb, ap / mb, ap / ep
    printf "%-30s %9.1f MB %9.1f MB\n", "  PSS anonymous", ea / mb, aa / mb
    printf "%-30s %9.1f MB %9.1f MB\n", "  PSS file-backed", ef / mb, af / mb
    printf "%-30s %10.2f s %10.2f s\n", "CPU during " m " min idle", cpu["empty"], cpu["app"]
    printf "%-30s %10.2f s %10.2f s\n", "start to tray icon", tray["empty"], tray["app"]
    printf "\nidle RSS ratio app/empty: %.2f, PSS ratio %.2f (target <= 1.25 each)\n", ar / er, ap / ep
    printf "idle CPU per 10 min: %.2f s (target <= 0.2)\n", cpu["app"] * 10 / m
    printf "start to tray: %.2f s (target <= 1.5)\n", tray["app"]
    printf "sync (demo, window closed, %d s): peak RSS %.1f MB; a minute after: RSS %.1f MB, PSS %.1f MB (idle %.1f / %.1f)\n", ss, peak / mb, sr / mb, sp / mb, ar / mb, ap / mb
    printf "order: %s first (%d round(s), alternating); load average at the end: %s\n", first, rounds, load
    if (m != 10) printf "NOTE: idle period %s min (IDLE_MINUTES), not 10\n", m
  }' "$work/figures"
