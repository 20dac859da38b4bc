#!/usr/bin/env bash
# End-to-end tray test (run it through scripts/tray-test.sh, which builds first).
#
# Under Xvfb with a D-Bus session bus and Debian's trayer: start the desktop app on the demo site
# (fresh data dir, fixed demo port); the tray icon appears in the Active green; clicking the icon
# and its menu (xdotool, tests/tray/menu.sh): "Sync now" runs a manual sync, "Pause for 1 hour"
# pauses (gray icon, paused_until an hour ahead), "Resume" resumes (green). Make the site reject
# the credentials and sync through the app's control socket (the CLI); the icon turns red and a
# Notify call is seen on the session bus. Then a second launch opens the first one's window
# (single instance) and shows the UI (not a blank page); closing the window destroys it and its
# WebKit web process, and another launch recreates it (tests/tray/window-lifecycle.sh); SIGTERM
# stops the app cleanly (no run left "running"). Started again on the same data dir, the menu's
# "Open Fossa Sync…" shows the window and its "Quit" ends the app with exit code 0, no run left
# "running". Screenshots go to target/artifacts/ (tray-menu.png: the open menu).
# Exits non-zero on failure; the last line says PASS or FAIL.
set -uo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
app="${FOSSA_DESKTOP_BIN:-$root/target/debug/fossa-sync-desktop}"
cli="${FOSSA_CLI_BIN:-$root/target/debug/fossa-sync}"
artifacts="$root/target/artifacts"
mkdir -p "$artifacts"
work="$(mktemp -d)"
data="$work/data"
port="${FOSSA_SYNC_DEMO_PORT:-$((20000 + RANDOM % 20000))}"
# The state colours (src-tauri/src/icon.rs).
GREEN=(46 158 68)
RED=(217 58 47)
# A menu click needs xdotool (scripts/setup.sh test).
command -v xdotool >/dev/null || { echo "FAIL: xdotool is not installed (scripts/setup.sh test)"; exit 1; }

source "$root/tests/tray/session.sh"

app_pid=""
monitor_pid=""
failures=0
notify_check="not reached"
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null
  [ -n "$monitor_pid" ] && kill "$monitor_pid" 2>/dev/null
  session_stop
  [ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

step() { echo "== $*"; }
# window_painted FILE: within 20 s the window shows the UI (session.sh's ui_rendered).
window_painted() {
  local deadline=$((SECONDS + 20))
  while [ "$SECONDS" -le "$deadline" ]; do
    window_shot "$1" && ui_rendered "$1" && return 0
    sleep 0.5
  done
  return 1
}
finish() {
  if [ "$failures" -eq 0 ]; then
    echo "PASS: tray test (menu sync/pause/resume, green → gray → green → red, notify: $notify_check," \
      "window, menu open/quit; screenshots in target/artifacts/)"
    exit 0
  fi
  echo "--- app log (last 40 lines)"
  tail -40 "$work/app.log" 2>/dev/null
  echo "FAIL: tray test ($failures failed checks)"
  exit 1
}

for bin in "$app" "$cli"; do
  [ -x "$bin" ] || { echo "FAIL: $bin is not built (run scripts/tray-test.sh)"; exit 1; }
done

step "session: Xvfb + dbus-launch + trayer"
session_start || { echo "FAIL: no X session"; exit 1; }
dbus-monitor --session "interface='org.freedesktop.Notifications'" >"$work/dbus.log" 2>&1 &
monitor_pid=$!

# start_app: the app in the tray only, on the demo site; its log is appended to app.log.
start_app() {
  FOSSA_SYNC_DATA_DIR="$data" FOSSA_SYNC_DEMO_PORT="$port" FOSSA_SYNC_NO_KEYRING=1 \
    RUST_LOG="${RUST_LOG:-info}" "$app" --hidden >>"$work/app.log" 2>&1 &
  app_pid=$!
  started=$SECONDS
}
# no_running_runs: no run is left "running" and the control socket is gone (after the app ended).
no_running_runs() {
  local running
  running=$("$cli" --data-dir "$data/demo" history --status running --json 2>/dev/null | grep -c '"id"')
  [ "$running" -eq 0 ] || fail "$running run(s) left running after quitting"
  [ ! -e "$data/demo/control.sock" ] || fail "the control socket was left behind"
}

step "start the app on the demo site (port $port, data $data)"
start_app

step "the tray icon appears in the Active green"
if wait_for_colour "$artifacts/tray-active.png" "${GREEN[@]}" 90; then
  echo "green after $((SECONDS - started)) s: $(tray_pixels "$artifacts/tray-active.png" "${GREEN[@]}") pixels"
else
  fail "no green tray icon within 90 s"
  screenshot "$artifacts/tray.png"
  finish
fi

step "the tray menu: \"Sync now\", \"Pause for 1 hour\", \"Resume\" (tests/tray/menu.sh)"
bash "$root/tests/tray/menu.sh" actions "$cli" "$data/demo" "$app_pid" "$artifacts" || fail "tray menu actions"

step "the site rejects the credentials; sync through the app's control socket"
curl -fsS -X PUT "http://127.0.0.1:$port/_sim/faults" -H 'content-type: application/json' \
  -d '{"reject_credentials":true}' >/dev/null || fail "could not set the fault on the simulated site"
"$cli" --data-dir "$data/demo" sync >"$work/sync.log" 2>&1
code=$?
echo "fossa-sync sync exited $code: $(tail -1 "$work/sync.log")"
[ "$code" -ne 0 ] || fail "the sync succeeded although the site rejects the credentials"

step "the tray icon turns red"
if wait_for_colour "$artifacts/tray.png" "${RED[@]}" 30; then
  echo "red: $(tray_pixels "$artifacts/tray.png" "${RED[@]}") pixels"
  [ "$(tray_pixels "$artifacts/tray.png" "${GREEN[@]}")" -lt 20 ] || fail "the tray still shows green"
else
  fail "the tray did not turn red within 30 s"
fi

step "a Notify call on the session bus"
# The engine's notifier decides when to notify (EngineEvent::Notification); the shell shows it.
# Notify(app_name, replaces_id, app_icon, summary, body, ...): the failure's summary or body.
failure_notice() { grep -A8 'member=Notify' "$work/dbus.log" | grep -E 'string ".*(rejected|failed)'; }
deadline=$((SECONDS + 15))
until failure_notice >/dev/null || [ "$SECONDS" -gt "$deadline" ]; do sleep 0.5; done
echo "Notify calls: $(grep -c 'member=Notify' "$work/dbus.log")"
if failure_notice >/dev/null; then
  notify_check="seen"
  failure_notice | head -2 | sed 's/^ */  /'
else
  notify_check="missing"
  fail "no Notify call for the failure on the session bus"
fi

step "a second launch opens the first one's window (single instance)"
FOSSA_SYNC_DATA_DIR="$data" FOSSA_SYNC_DEMO_PORT="$port" timeout 20 "$app" >"$work/second.log" 2>&1
code=$?
[ "$code" -eq 0 ] || fail "the second launch exited $code (expected 0 after handing over)"
deadline=$((SECONDS + 20))
until xwininfo -root -tree 2>/dev/null | grep -q '"Fossa Sync"' || [ "$SECONDS" -gt "$deadline" ]; do sleep 0.5; done
if xwininfo -root -tree 2>/dev/null | grep -q '"Fossa Sync"'; then
  window_painted "$artifacts/tray-window.png" || fail "the window does not show the UI within 20 s (blank page or start error)"
  screenshot "$artifacts/tray-screen.png"
  echo "the window is open and shows the UI ($(image_colours "$artifacts/tray-window.png") colours)"
else
  fail "no \"Fossa Sync\" window after the second launch"
fi
kill -0 "$app_pid" 2>/dev/null || fail "the first instance is gone"

step "closing the window destroys it and its WebKit web process; a second launch recreates it"
FOSSA_SYNC_DATA_DIR="$data" FOSSA_SYNC_DEMO_PORT="$port" \
  bash "$root/tests/tray/window-lifecycle.sh" "$app" "$app_pid" "$artifacts" || fail "window lifecycle"

step "SIGTERM stops the app cleanly"
kill -TERM "$app_pid"
deadline=$((SECONDS + 20))
while kill -0 "$app_pid" 2>/dev/null && [ "$SECONDS" -le "$deadline" ]; do sleep 0.2; done
if kill -0 "$app_pid" 2>/dev/null; then
  fail "the app did not stop within 20 s of SIGTERM"
else
  app_pid=""
  no_running_runs
fi

step "started again: the menu's \"Open Fossa Sync…\" shows the window, its \"Quit\" ends the app"
# The icon in a Ready state (green, or red after the rejected sync); gray is still "Starting…".
tray_ready() {
  screenshot "$1" &&
    { [ "$(tray_pixels "$1" "${GREEN[@]}")" -ge 20 ] || [ "$(tray_pixels "$1" "${RED[@]}")" -ge 20 ]; }
}
if [ -n "$app_pid" ]; then
  fail "not started again: the first app is still running"
else
  start_app
  deadline=$((SECONDS + 90))
  until tray_ready "$work/again.png" || [ "$SECONDS" -gt "$deadline" ]; do sleep 0.3; done
  if tray_ready "$work/again.png"; then
    echo "the tray icon is back after $((SECONDS - started)) s"
    bash "$root/tests/tray/menu.sh" open-quit "$cli" "$data/demo" "$app_pid" "$artifacts" ||
      fail "tray menu open/quit"
  else
    cp "$work/again.png" "$artifacts/tray.png"
    fail "no green or red tray icon within 90 s of starting again"
  fi
  if kill -0 "$app_pid" 2>/dev/null; then
    fail "the app still runs after \"Quit\""
  else
    wait "$app_pid"
    code=$?
    app_pid=""
    echo "the app exited $code after \"Quit\""
    [ "$code" -eq 0 ] || fail "the app exited $code after \"Quit\" (expected 0)"
    no_running_runs
  fi
fi

finish
