#!/usr/bin/env bash
# The end-to-end tray test: builds the desktop app and the CLI (debug), then runs
# tests/tray/run.sh under Xvfb + dbus-launch + trayer. Needs the packages of `setup.sh test`.
# Screenshots: target/artifacts/tray-active.png, tray.png (failed), tray-window.png.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked -p fossa-sync-desktop -p fossa-sync
exec bash tests/tray/run.sh
