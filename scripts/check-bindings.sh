#!/usr/bin/env bash
# Regenerates the TypeScript bindings of the engine's JSON types (ts-rs) into ui/src/bindings and
# fails if they differ from the committed ones: run it after changing a type, commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf ui/src/bindings
cargo test -q -p fossa-core --features ts --lib export_bindings >/dev/null
# ts-rs writes i64 as `bigint`; serde_json sends JSON numbers, and every i64 here (ids, counts,
# milliseconds) stays far below 2^53, so the UI sees them as `number`.
sed -i 's/\bbigint\b/number/g' ui/src/bindings/*.ts
# The UI's route table, from the operation catalogue.
FOSSA_WRITE_GENERATED=1 cargo test -q -p fossa-core --test operations_declared_once \
  the_ui_route_table_is_generated_from_the_catalogue >/dev/null
if [ -n "$(git status --porcelain -- ui/src/bindings ui/src/api/operations.ts)" ]; then
  git status --short -- ui/src/bindings ui/src/api/operations.ts
  echo "ui/src/bindings or ui/src/api/operations.ts is out of date: run scripts/check-bindings.sh and commit the result." >&2
  exit 1
fi
echo "TypeScript bindings are current."
