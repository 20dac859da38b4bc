#!/usr/bin/env bash
# Builds Fossa Sync and starts it: the desktop app (tray + window) when there is a display,
# else the headless daemon with its browser UI. Installs the Debian and npm packages it needs.
# With no WorkFossa account configured (`fossa-sync account set`, or WORKFOSSA_EMAIL /
# WORKFOSSA_PASSWORD) both fall back to the built-in demo: a simulated WorkFossa site.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh run
npm --prefix ui ci --no-audit --no-fund
npm --prefix ui run build
cargo build --release --locked -p fossa-sync -p fossa-sync-desktop
cli=target/release/fossa-sync
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "Starting the Fossa Sync desktop app (look for its icon in the system tray)."
  exec target/release/fossa-sync-desktop "$@"
fi
echo "No display: starting the headless daemon with the browser UI on http://127.0.0.1:8787."
if [ -n "${WORKFOSSA_EMAIL:-}" ] || "$cli" account show --json | grep -q '"email": "'; then
  exec "$cli" daemon --http 127.0.0.1:8787
else
  echo "No WorkFossa account configured: starting the demo (simulated WorkFossa)."
  exec "$cli" demo --http 127.0.0.1:8787
fi
