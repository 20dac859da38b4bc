#!/usr/bin/env bash
# Prints the module graph of crates/core and the circles in it (goal: none), by running the test
# crates/core/tests/module_cycles.rs. Exits non-zero when there is a circle.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo test --quiet -p fossa-core --test module_cycles -- --nocapture --test-threads 1 \
    core_modules_import_each_other_in_no_circle
