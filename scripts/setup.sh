#!/usr/bin/env bash
# Installs the system packages Fossa Sync needs on Debian. `setup.sh test` for the test suite,
# `setup.sh run` for running the app. Only Debian's package registry is used.
set -euo pipefail
purpose="${1:-run}"

# The engine, the CLI and the simulated site are pure Rust (rustls, bundled SQLite): they need only
# a C compiler and pkg-config, which the Rust image has.
packages=(pkg-config)
# The desktop app (src-tauri, Tauri 2): WebKitGTK, the tray (Ayatana AppIndicator), SVG icons; and
# for its end-to-end tray test and idle measurement: a virtual X server, a session bus, a system
# tray, screenshots (ImageMagick), xwininfo/xdpyinfo, curl, python3 (closes the window with
# WM_DELETE_WINDOW through ctypes: tests/tray/close_window.py) and xdotool (clicks the tray icon
# and its menu: tests/tray/menu.sh).
packages+=(libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev
  xvfb dbus-x11 trayer imagemagick x11-utils curl python3 xdotool)

# The tests also need Debian's Chromium (browser tests, no browser download) and Node.js + npm
# (the web UI) when the machine does not have them already.
if [ "$purpose" = "test" ]; then
  packages+=(chromium)
fi
command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== installing ${missing[*]} (for $purpose)"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi
command -v cargo >/dev/null || { echo "cargo is needed: install Rust (rustup) first" >&2; exit 1; }
