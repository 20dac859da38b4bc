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
cli=target/release/fossa-sync
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  # The `desktop` profile (Cargo.toml): size-optimised with whole-program LTO, for a small idle
  # tray app; the UI is embedded in the binary (custom-protocol), as in the .deb.
  cargo build --profile desktop --locked -p fossa-sync-desktop --features tauri/custom-protocol
  echo "Starting the Fossa Sync desktop app (look for its icon in the system tray)."
  exec target/desktop/fossa-sync-desktop "$@"
fi
cargo build --release --locked -p fossa-sync
echo "No display: starting the headless daemon with the browser UI on http://127.0.0.1:8787."
if [ -n "${WORKFOSSA_EMAIL:-}" ] || "$cli" account show --json | grep -q '"email": "'; then
  exec "$cli" daemon --http 127.0.0.1:8787
else
  echo "No WorkFossa account configured: starting the demo (simulated WorkFossa)."
  exec "$cli" demo --http 127.0.0.1:8787
fi
