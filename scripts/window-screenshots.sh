#!/usr/bin/env bash
# Screenshots of the real desktop window, one per page, into docs/screenshots/.
#
# Under Xvfb + a D-Bus session + trayer (tests/tray/session.sh): start the desktop app on the demo
# site with a fresh temporary data and config dir, wait for its first successful sync, then open
# each page the way a user can, with a second launch `fossa-sync-desktop --show PAGE` (forwarded
# to the running app by the single-instance plugin), and save the window once it has settled.
#
#   scripts/window-screenshots.sh          # builds the UI and the debug app first
#   FOSSA_DESKTOP_BIN=... FOSSA_CLI_BIN=... scripts/window-screenshots.sh   # given binaries, no build
#
# Needs the packages of `scripts/setup.sh test`. OUT=dir writes elsewhere than docs/screenshots.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
out="${OUT:-$root/docs/screenshots}"

if [ -z "${FOSSA_DESKTOP_BIN:-}" ]; then
  npm --prefix ui run build >/dev/null || { echo "FAIL: the UI did not build"; exit 1; }
  cargo build --locked -p fossa-sync-desktop -p fossa-sync || { echo "FAIL: the app did not build"; exit 1; }
fi
app="${FOSSA_DESKTOP_BIN:-$root/target/debug/fossa-sync-desktop}"
cli="${FOSSA_CLI_BIN:-$root/target/debug/fossa-sync}"
for bin in "$app" "$cli"; do
  [ -x "$bin" ] || { echo "FAIL: $bin is not built"; exit 1; }
done

work="$(mktemp -d)"
data="$work/data"
port="${FOSSA_SYNC_DEMO_PORT:-$((20000 + RANDOM % 20000))}"
mkdir -p "$out" "$work/config" "$work/cache" "$work/share"
# The window-state plugin and WebKit keep their files under XDG dirs: fresh ones, so the window
# has its default size and nothing of a previous run shows.
export XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/share"
export FOSSA_SYNC_DATA_DIR="$data" FOSSA_SYNC_DEMO_PORT="$port" FOSSA_SYNC_NO_KEYRING=1

source "$root/tests/tray/session.sh"
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && sleep 1
  session_stop
  [ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
die() {
  echo "FAIL: $*"
  echo "--- app log (last 30 lines)"
  tail -30 "$work/app.log" 2>/dev/null
  exit 1
}

session_start || die "no X session"
RUST_LOG="${RUST_LOG:-info}" "$app" --hidden >"$work/app.log" 2>&1 &
app_pid=$!

echo "== waiting for the first successful sync on the demo site (port $port)"
deadline=$((SECONDS + 120))
until "$cli" --data-dir "$data/demo" history --status success --json 2>/dev/null | grep -q '"id"'; do
  kill -0 "$app_pid" 2>/dev/null || die "the app exited"
  [ "$SECONDS" -le "$deadline" ] || die "no successful sync within 120 s"
  sleep 1
done
number=$("$cli" --data-dir "$data/demo" work-orders --json 2>/dev/null |
  grep -o '"number": *[0-9]*' | head -1 | grep -o '[0-9]*$')
[ -n "$number" ] || die "no work order after the sync"

# shoot FILE: the window's area, once it shows the UI (session.sh's ui_rendered), two grabs 0.5 s
# apart differ in fewer than 1500 pixels (the countdown ticks every second) and at least 2 s have
# passed; at most 30 s.
shoot() {
  local file="$1" previous="$work/previous.png" current="$work/current.png" diff
  local start=$SECONDS
  rm -f "$previous"
  while :; do
    if window_shot "$current"; then
      if [ -f "$previous" ] && [ $((SECONDS - start)) -ge 2 ] && ui_rendered "$current"; then
        diff=$(compare -metric AE -fuzz 5% "$previous" "$current" null: 2>&1 | grep -o '^[0-9]*')
        [ -n "$diff" ] && [ "$diff" -lt 1500 ] && break
      fi
      cp "$current" "$previous"
    fi
    [ $((SECONDS - start)) -le 30 ] || break
    sleep 0.5
  done
  [ -f "$current" ] || die "no window to screenshot for $file"
  ui_rendered "$current" || die "the window does not show the UI for $file (KEEP_WORK=1 keeps $current)"
  cp "$current" "$file"
  echo "$file ($(identify -format '%wx%h' "$file"))"
}

# show PAGE FILE: a second launch opens the window on PAGE; then the screenshot.
show() {
  local page="$1" file="$out/$2.png"
  timeout 20 "$app" --show "$page" >>"$work/second.log" 2>&1 || die "the launch with --show $page failed"
  shoot "$file"
}

echo "== screenshots into $out"
show status status
show work-orders work-orders
show "work-orders/$number" work-order
show history history
show settings settings
echo "PASS: window screenshots in $out"
