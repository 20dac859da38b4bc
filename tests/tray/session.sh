# Sourced by the tray test and the idle measurement: a headless desktop session with a virtual
# X server (Xvfb), a D-Bus session bus (dbus-launch) and a system tray (Debian's trayer), plus
# helpers that look for a colour in the tray area of a screenshot. Only PIDs started here are
# stopped by `session_stop`.

SESSION_PIDS=()

# fail MESSAGE: prints a FAIL line and counts it in the sourcing script's `failures`.
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
# wait_until SECONDS COMMAND...: polls COMMAND every 0.3 s until it succeeds or the time is up.
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ "$SECONDS" -le "$deadline" ] || return 1
    sleep 0.3
  done
}
SCREEN_W=1280
SCREEN_H=800
TRAY_H=32

# The display is the first free one from :90 (no socket, no lock file); other tests may run their
# own Xvfb at the same time, so a display counts as ours only when its lock file holds our Xvfb's
# PID (if another server took the number first, ours exits and the next number is tried).
session_start() {
  local n pid i display=""
  for n in $(seq 90 140); do
    [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ] || continue
    Xvfb ":$n" -screen 0 "${SCREEN_W}x${SCREEN_H}x24" -nolisten tcp >/dev/null 2>&1 &
    pid=$!
    for i in $(seq 1 200); do
      kill -0 "$pid" 2>/dev/null || break
      if xdpyinfo -display ":$n" >/dev/null 2>&1 &&
        [ "$(tr -d ' \n' <"/tmp/.X$n-lock" 2>/dev/null)" = "$pid" ]; then
        display=":$n"
        break
      fi
      sleep 0.1
    done
    [ -n "$display" ] && break
    kill "$pid" 2>/dev/null
  done
  [ -n "$display" ] || { echo "Xvfb did not start on a free display in :90-:140" >&2; return 1; }
  export DISPLAY="$display"
  SESSION_PIDS+=("$pid")
  eval "$(dbus-launch --sh-syntax)"
  export DBUS_SESSION_BUS_ADDRESS
  SESSION_PIDS+=("$DBUS_SESSION_BUS_PID")
  # A dark tray at the top right; icons keep their own colours on it.
  trayer --edge top --align right --widthtype request --height "$TRAY_H" --SetDockType true \
    --transparent true --alpha 0 --tint 0x202020 --expand false >/dev/null 2>&1 &
  SESSION_PIDS+=($!)
  sleep 1
}

session_stop() {
  local pid
  for pid in "${SESSION_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  SESSION_PIDS=()
}

# screenshot FILE: the whole screen.
screenshot() {
  import -display "$DISPLAY" -window root "$1" 2>/dev/null
}

# tray_pixels FILE R G B: how many pixels of the tray band (the top TRAY_H rows) are within a
# small distance of the colour.
tray_pixels() {
  local file="$1" r="$2" g="$3" b="$4"
  convert "$file" -crop "${SCREEN_W}x${TRAY_H}+0+0" +repage -depth 8 txt:- 2>/dev/null |
    awk -v R="$r" -v G="$g" -v B="$b" -F'[(),]' '
      /^[0-9]/ {
        # "x,y: (r,g,b[,a])  #RRGGBB ..." -> fields 3, 4, 5 are r, g, b
        dr = $3 - R; dg = $4 - G; db = $5 - B
        if (dr < 0) dr = -dr; if (dg < 0) dg = -dg; if (db < 0) db = -db
        if (dr + dg + db <= 36) n++
      }
      END { print n + 0 }'
}

# wait_for_colour FILE R G B SECONDS: screenshots until the tray shows the colour (>= 20 pixels).
wait_for_colour() {
  local file="$1" r="$2" g="$3" b="$4" seconds="$5"
  local deadline=$((SECONDS + seconds))
  while [ "$SECONDS" -le "$deadline" ]; do
    if screenshot "$file" && [ "$(tray_pixels "$file" "$r" "$g" "$b")" -ge 20 ]; then
      return 0
    fi
    sleep 0.2
  done
  return 1
}

# tree_pids PID: the process and all its descendants.
tree_pids() {
  local pid="$1" child
  echo "$pid"
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
    tree_pids "$child"
  done
}

# tree_rss_kib PID: resident memory of the whole process tree, in KiB.
tree_rss_kib() {
  local total=0 pid rss
  for pid in $(tree_pids "$1"); do
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
    total=$((total + ${rss:-0}))
  done
  echo "$total"
}

# tree_cpu_ticks PID: user + system CPU time of the whole process tree, in clock ticks.
tree_cpu_ticks() {
  local total=0 pid ticks
  for pid in $(tree_pids "$1"); do
    ticks=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + ${ticks:-0}))
  done
  echo "$total"
}

# window_geometry [NAME]: "WxH+X+Y" of the named top-level window ("Fossa Sync" by default), empty
# while there is none.
window_geometry() {
  xwininfo -name "${1:-Fossa Sync}" 2>/dev/null | awk '
    /Absolute upper-left X/ { x = $NF } /Absolute upper-left Y/ { y = $NF }
    /Width:/ { w = $NF } /Height:/ { h = $NF }
    END { if (w > 1 && h > 1) printf "%dx%d+%d+%d", w, h, x, y }'
}

# window_id [NAME]: the X id of the named window (e.g. 0x1e00003), empty while there is none.
window_id() {
  xwininfo -name "${1:-Fossa Sync}" 2>/dev/null | awk '/Window id:/ { print $4 }'
}

# window_shot FILE: a screenshot cropped to the app's window; fails while there is no window.
window_shot() {
  local geometry
  geometry="$(window_geometry)"
  [ -n "$geometry" ] && import -display "$DISPLAY" -window root -crop "$geometry" +repage "$1" 2>/dev/null
}

# image_colours FILE: how many distinct colours the image has (a blank page has one or two).
image_colours() {
  identify -format '%k' "$1" 2>/dev/null || echo 0
}

# ui_rendered FILE: a window screenshot shows the UI, not a blank page nor index.html's "Starting…"
# placeholder nor the start guard's error: the header bar (white in the light theme, which Xvfb
# gets) spans the top of the window, and there is text (many colours).
ui_rendered() {
  local width header
  width=$(identify -format '%w' "$1" 2>/dev/null) || return 1
  header=$(convert "$1" -crop "1x1+$((width - 20))+4" +repage -depth 8 -format '%[hex:p{0,0}]' info: 2>/dev/null)
  [ "$header" = "FFFFFF" ] && [ "$(image_colours "$1")" -ge 20 ]
}

# web_processes PID: how many WebKit web processes run under the process.
web_processes() {
  local pid n=0
  for pid in $(tree_pids "$1"); do
    case "$(ps -o comm= -p "$pid" 2>/dev/null)" in WebKitWebProc*) n=$((n + 1)) ;; esac
  done
  echo "$n"
}
