#!/usr/bin/env bash
# Part of the tray test (tests/tray/run.sh calls it with the session running): uses the real tray
# menu as a user would. Under trayer (an XEmbed tray) libayatana-appindicator falls back to a
# GtkStatusIcon: a left click on the icon (found by its colour in a screenshot) pops up the GTK
# menu, the keyboard picks an item (Down from the top and Up from the bottom skip the disabled
# ones: the two text lines, and Pause/Resume depending on the state), Return chooses it. The CLI
# (status / history --json on the data dir) checks the effect, screenshots check the icon colour.
#
# Usage: menu.sh actions   CLI DATA_DIR APP_PID ARTIFACTS_DIR   (the app Active, its window closed)
#          "Sync now" runs a manual sync; "Pause for 1 hour" pauses (gray icon); "Resume" (green).
#        menu.sh open-quit CLI DATA_DIR APP_PID ARTIFACTS_DIR   (the app started, window closed)
#          "Open Fossa Sync…" shows the window with the UI; "Quit" ends the process (the caller,
#          its parent, checks the exit code).
# DISPLAY etc. come from the session; DATA_DIR is the engine's data dir (the demo's).
# Artifacts: tray-menu.png (the open menu), tray-menu-NAME.png (the chosen item highlighted),
# tray-paused.png, tray-resumed.png, tray-window-menu.png; tray-menu-failed.png when no menu.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mode="$1" cli="$2" data="$3" app_pid="$4" artifacts="$5"
source "$here/session.sh"
# The state colours (src-tauri/src/icon.rs).
GREEN=(46 158 68)
RED=(217 58 47)
GRAY=(138 143 152)
BLUE=(47 111 222)
work="$(mktemp -d)"
failures=0

# --- the engine's state through the CLI
status_json() { "$cli" --data-dir "$data" status --json 2>/dev/null; }
# status_field EXPR: a Python expression over the status object `s`.
status_field() {
  status_json | python3 -c "import datetime, json, sys; s = json.load(sys.stdin); print($1)" 2>/dev/null
}
state_is() { [ "$(status_field 's["state"]')" = "$1" ]; }
# paused_ahead: seconds from now to paused_until (empty when not paused until a time).
paused_ahead() {
  status_field '"" if s["paused_until"] is None else int((datetime.datetime.fromisoformat(
    s["paused_until"].replace("Z", "+00:00")) - datetime.datetime.now(datetime.timezone.utc)).total_seconds())'
}
# runs_after ID: "id trigger status" of every run newer than ID, oldest first.
runs_after() {
  "$cli" --data-dir "$data" history --json 2>/dev/null | python3 -c '
import json, sys
runs = [r for r in json.load(sys.stdin) if r["id"] > int(sys.argv[1])]
for r in sorted(runs, key=lambda r: r["id"]):
    print(r["id"], r["trigger"], r["status"], r.get("error") or "")' "$1"
}
last_run_id() {
  "$cli" --data-dir "$data" history --json 2>/dev/null |
    python3 -c 'import json, sys; print(max([r["id"] for r in json.load(sys.stdin)], default=0))'
}
# a_finished_run_after ID: a run newer than ID that is no longer running.
a_finished_run_after() { runs_after "$1" | awk '$3 != "running" { found = 1 } END { exit !found }'; }

# --- the tray icon and its menu
# tray_panel: "X WIDTH", trayer's panel (its top-level window "panel" of class trayer).
tray_panel() {
  xwininfo -root -children 2>/dev/null |
    awk '/"panel": \("panel" "trayer"\)/ { split($NF, a, "+"); split($(NF - 1), g, "x"); print a[2], g[1]; exit }'
}
# icon_centre FILE: "X Y", the centre of the icon's pixels (any state colour) in trayer's panel
# (the app's window, when open, has such colours too, also in the top rows).
icon_centre() {
  local panel left=0 width="$SCREEN_W"
  panel="$(tray_panel)"
  [ -n "$panel" ] && read -r left width <<<"$panel"
  convert "$1" -crop "${width}x${TRAY_H}+${left}+0" +repage -depth 8 txt:- 2>/dev/null |
    awk -F'[(),]' -v left="$left" -v colours="${GREEN[*]} ${RED[*]} ${GRAY[*]} ${BLUE[*]}" '
      BEGIN { k = split(colours, c, " ") }
      /^[0-9]/ {
        x = $1 + left
        # "x,y: (r,g,b[,a])  #RRGGBB ..." -> fields 1, 2 are x, "y: "; 3, 4, 5 are r, g, b
        for (i = 1; i <= k; i += 3) {
          dr = $3 - c[i]; dg = $4 - c[i + 1]; db = $5 - c[i + 2]
          if (dr < 0) dr = -dr; if (dg < 0) dg = -dg; if (db < 0) db = -db
          if (dr + dg + db <= 36) { sx += x; sy += $2; n++; break }
        }
      }
      END { if (n >= 20) printf "%d %d\n", sx / n, sy / n; else exit 1 }'
}
# menu_window: the X id of the open popup menu (a mapped override-redirect window of the app).
menu_window() {
  local w info
  for w in $(xdotool search --onlyvisible --classname '^fossa-sync-desktop$' 2>/dev/null); do
    info="$(xwininfo -id "$w" -stats 2>/dev/null)" || continue
    grep -q 'Override Redirect State: yes' <<<"$info" || continue
    [ "$(awk '/Height:/ { print $NF }' <<<"$info")" -ge 100 ] || continue
    echo "$w"
    return 0
  done
  return 1
}
menu_open() { menu_window >/dev/null; }
menu_closed() { ! menu_window >/dev/null; }
# menu_shot FILE: the open menu and the tray above it; fails until the menu is painted (text).
menu_shot() {
  local w geometry x y width height
  w="$(menu_window)" || return 1
  geometry="$(xwininfo -id "$w" 2>/dev/null)" || return 1
  x=$(awk '/Absolute upper-left X/ { print $NF }' <<<"$geometry")
  y=$(awk '/Absolute upper-left Y/ { print $NF }' <<<"$geometry")
  height=$(awk '/Height:/ { print $NF }' <<<"$geometry")
  x=$((x > 8 ? x - 8 : 0))
  width=$((SCREEN_W - x))
  height=$((y + height + 8))
  import -display "$DISPLAY" -window root -crop "${width}x${height}+${x}+0" +repage "$1" 2>/dev/null &&
    [ "$(image_colours "$1")" -ge 20 ]
}
close_menu() {
  menu_open || return 0
  xdotool key Escape
  wait_until 10 menu_closed
}
# A menu left open would hold the keyboard and pointer grab for the rest of the tray test.
trap 'close_menu; rm -rf "$work"' EXIT
# open_menu FILE: clicks the tray icon until its menu is open and painted (screenshot in FILE).
open_menu() {
  local centre x y attempt
  close_menu
  screenshot "$work/screen.png"
  if ! centre="$(icon_centre "$work/screen.png")"; then
    cp "$work/screen.png" "$artifacts/tray-menu-failed.png"
    fail "no tray icon to click (screen in tray-menu-failed.png)"
    return 1
  fi
  read -r x y <<<"$centre"
  # A click on the icon while its menu is open closes it: click again only if none opened.
  for attempt in 1 2; do
    xdotool mousemove "$x" "$y" click 1
    wait_until 20 menu_open && break
  done
  if ! menu_open; then
    screenshot "$artifacts/tray-menu-failed.png"
    fail "the tray menu did not open after two clicks on the icon at $x,$y"
    return 1
  fi
  # Painted, and by then GTK holds the keyboard grab the keys go to.
  wait_until 10 menu_shot "$1" || echo "(the menu's screenshot shows no text: $1)"
  return 0
}
# highlighted FILE: the open menu (screenshot in FILE) has an item highlighted: many saturated
# pixels below the tray band (the menu itself is gray text on white, the selection is coloured).
highlighted() {
  menu_shot "$1" &&
    [ "$(convert "$1" -crop "+0+$TRAY_H" +repage -colorspace HSL -channel G -separate +channel \
      -threshold 50% -format '%[fx:round(mean*w*h)]' info: 2>/dev/null)" -ge 500 ]
}
# pick NAME MENU_SHOT KEY...: opens the menu (screenshot in MENU_SHOT), moves to an item with the
# keys (the highlighted item in tray-menu-NAME.png) and chooses it with Return; the menu closes.
# When no item is highlighted (keys lost on a busy machine), it closes the menu and tries again.
pick() {
  local name="$1" shot="$2" attempt
  shift 2
  for attempt in 1 2; do
    open_menu "$shot" || return 1
    xdotool key --delay 150 "$@"
    if wait_until 5 highlighted "$artifacts/tray-menu-$name.png"; then
      xdotool key Return
      if ! wait_until 10 menu_closed; then
        fail "the menu is still open 10 s after choosing \"$name\""
        close_menu
      fi
      # The pointer leaves the icon (its hover highlight is not part of the colour checks).
      xdotool mousemove $((SCREEN_W / 2)) $((SCREEN_H / 2))
      return 0
    fi
    echo "  (no item highlighted after the keys $*; closing the menu and trying again)"
    close_menu
  done
  fail "no menu item highlighted after the keys $* (tray-menu-$name.png)"
  return 1
}
# shows_only FILE R G B: the tray shows the colour and none of the others.
shows_only() {
  local file="$1" colour other
  colour="$2 $3 $4"
  for other in "${GREEN[*]}" "${RED[*]}" "${GRAY[*]}" "${BLUE[*]}"; do
    [ "$other" = "$colour" ] && continue
    # shellcheck disable=SC2086
    [ "$(tray_pixels "$file" $other)" -lt 20 ] || { echo "(the tray also shows $other)"; return 1; }
  done
}

actions() {
  rm -f "$artifacts/tray-menu-failed.png"
  echo "-- the app is Active"
  wait_until 90 state_is active || { fail "the app is not Active (state: $(status_field 's["state"]'))"; return; }
  local before runs
  before=$(last_run_id)

  echo "-- \"Sync now\" runs a manual sync"
  pick sync "$artifacts/tray-menu.png" Down || return
  if wait_until 120 a_finished_run_after "$before"; then
    runs="$(runs_after "$before")"
    echo "$runs" | sed 's/^/  run /'
    # The first new run is the one the click started (no other sync is due meanwhile).
    read -r id trigger status error <<<"$(head -1 <<<"$runs")"
    [ "$trigger" = manual ] || fail "run $id started by \"Sync now\" has trigger $trigger, not manual"
    [ "$status" = success ] || fail "run $id started by \"Sync now\" ended $status: $error"
  else
    fail "no new run finished within 120 s of \"Sync now\" ($(runs_after "$before" | tr '\n' ';'))"
  fi
  wait_until 60 state_is active || fail "not Active after the sync (state: $(status_field 's["state"]'))"
  wait_for_colour "$work/screen.png" "${GREEN[@]}" 60 || fail "the tray is not green after the sync"

  echo "-- \"Pause for 1 hour\" pauses; the icon turns gray"
  pick pause-1h "$work/menu.png" Down Down || return
  local ahead
  if wait_until 30 state_is paused; then
    ahead="$(paused_ahead)"
    echo "  paused until $(status_field 's["paused_until"]') (${ahead:-?} s ahead)"
    [ -n "$ahead" ] && [ "$ahead" -ge 3300 ] && [ "$ahead" -le 3660 ] ||
      fail "paused_until is not about an hour ahead (${ahead:-none} s)"
  else
    fail "not paused within 30 s of \"Pause for 1 hour\" (state: $(status_field 's["state"]'))"
  fi
  if wait_for_colour "$artifacts/tray-paused.png" "${GRAY[@]}" 30; then
    echo "  gray: $(tray_pixels "$artifacts/tray-paused.png" "${GRAY[@]}") pixels"
    shows_only "$artifacts/tray-paused.png" "${GRAY[@]}" || fail "the paused tray is not only gray"
  else
    fail "the tray did not turn gray within 30 s of pausing"
  fi

  echo "-- \"Resume\" resumes; the icon turns green"
  # Paused, the enabled items are Sync now, Resume, Open, Quit: Resume is the second from the top.
  pick resume "$artifacts/tray-menu-paused.png" Down Down || return
  if wait_until 30 state_is active; then
    [ "$(status_field 's["paused_until"]')" = None ] || fail "paused_until is still set after resuming"
  else
    fail "not Active within 30 s of \"Resume\" (state: $(status_field 's["state"]'))"
  fi
  if wait_for_colour "$artifacts/tray-resumed.png" "${GREEN[@]}" 30; then
    echo "  green: $(tray_pixels "$artifacts/tray-resumed.png" "${GREEN[@]}") pixels"
    shows_only "$artifacts/tray-resumed.png" "${GREEN[@]}" || fail "the resumed tray is not only green"
  else
    fail "the tray did not turn green within 30 s of resuming"
  fi
}

has_window() { [ -n "$(window_id)" ]; }
painted() { window_shot "$artifacts/tray-window-menu.png" && ui_rendered "$artifacts/tray-window-menu.png"; }
app_gone() { ! kill -0 "$app_pid" 2>/dev/null; }

open_quit() {
  [ -z "$(window_id)" ] || fail "the window is open before \"Open Fossa Sync…\""
  echo "-- \"Open Fossa Sync…\" opens the window"
  # Up from the bottom: Quit, then Open Fossa Sync….
  pick open "$work/menu.png" Up Up || return
  if wait_until 30 has_window; then
    if wait_until 30 painted; then
      echo "  the window shows the UI ($(image_colours "$artifacts/tray-window-menu.png") colours)"
    else
      fail "the window opened from the menu does not show the UI within 30 s"
    fi
  else
    fail "no \"Fossa Sync\" window within 30 s of \"Open Fossa Sync…\""
  fi

  echo "-- \"Quit\" ends the app"
  pick quit "$work/menu.png" Up || return
  if wait_until 30 app_gone; then
    echo "  the app quit"
  else
    fail "the app is still running 30 s after \"Quit\""
  fi
}

case "$mode" in
  actions) actions ;;
  open-quit) open_quit ;;
  *) echo "usage: menu.sh actions|open-quit CLI DATA_DIR APP_PID ARTIFACTS_DIR" >&2; exit 2 ;;
esac
[ "$failures" -eq 0 ]
