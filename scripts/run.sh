#!/usr/bin/env bash
# Builds Fossa Sync and starts it. With a WorkFossa account configured (`fossa-sync account set`
# or WORKFOSSA_EMAIL / WORKFOSSA_PASSWORD) it syncs that account; without one it starts the
# built-in demo: a simulated WorkFossa site with changing data.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh run
cargo build --release --locked -p fossa-sync
bin=target/release/fossa-sync
if [ -n "${WORKFOSSA_EMAIL:-}" ] || "$bin" account show --json "$@" | grep -q '"email": "'; then
  exec "$bin" "$@" daemon
else
  echo "No WorkFossa account configured: starting the demo (simulated WorkFossa)."
  exec "$bin" "$@" demo
fi
