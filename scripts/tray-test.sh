#!/usr/bin/env bash
# The end-to-end tray test: builds the desktop app and the CLI (debug), then runs
# tests/tray/run.sh under Xvfb + dbus-launch + trayer. Needs the packages of `setup.sh test`.
# Screenshots: target/artifacts/tray-*.png (active, menu and each chosen item, paused, resumed,
# failed) and the window's; tests/tray/run.sh lists what each step checks.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked -p fossa-sync-desktop -p fossa-sync
exec bash tests/tray/run.sh
