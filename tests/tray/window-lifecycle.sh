#!/usr/bin/env bash
# Part of the tray test (tests/tray/run.sh calls it with the session running and the window open):
# closing the window the way a window manager does (WM_DELETE_WINDOW, tests/tray/close_window.py)
# destroys it, its WebKit web process ends and the app stays in the tray; a second launch then
# creates the window again, with a web process and the UI painted.
#
# Usage: window-lifecycle.sh APP_BINARY APP_PID ARTIFACTS_DIR   (DISPLAY etc. from the session)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app="$1" app_pid="$2" artifacts="$3"
source "$here/session.sh"
failures=0
no_window() { [ -z "$(window_id)" ]; }
has_window() { [ -n "$(window_id)" ]; }
no_web_process() { [ "$(web_processes "$app_pid")" -eq 0 ]; }
has_web_process() { [ "$(web_processes "$app_pid")" -gt 0 ]; }
painted() { window_shot "$artifacts/tray-window-again.png" && ui_rendered "$artifacts/tray-window-again.png"; }

[ "$(web_processes "$app_pid")" -gt 0 ] || fail "no WebKit web process while the window is open"
id="$(window_id)"
[ -n "$id" ] || { echo "FAIL: no window to close"; exit 1; }
python3 "$here/close_window.py" "$id" || fail "could not send WM_DELETE_WINDOW to $id"
wait_until 10 no_window || fail "the window is still there 10 s after closing it"
if wait_until 20 no_web_process; then
  echo "closed: no window, no WebKit web process"
else
  fail "$(web_processes "$app_pid") WebKit web process(es) still running 20 s after closing the window"
fi
kill -0 "$app_pid" 2>/dev/null || { echo "FAIL: the app quit when its window closed"; exit 1; }

timeout 20 "$app" >/dev/null 2>&1 || fail "the second launch failed"
wait_until 20 has_window || fail "no window after the second launch"
wait_until 20 has_web_process || fail "no WebKit web process for the new window"
if wait_until 20 painted; then
  echo "reopened: the window shows the UI again ($(web_processes "$app_pid") web process)"
else
  fail "the reopened window does not show the UI"
fi
[ "$failures" -eq 0 ]
