#!/usr/bin/env bash
# Print every measured figure: data and build, chooser engine, chooser in the browser.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh browser
for bench in benchmarks/*.py; do
  .venv/bin/python "$bench"
done
