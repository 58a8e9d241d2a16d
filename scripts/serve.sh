#!/usr/bin/env bash
# Set up, build strictly and serve the site at http://127.0.0.1:8000 with live reload.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
.venv/bin/python -m macros.loader
export NO_MKDOCS_2_WARNING=1  # the theme advertises its successor on every build
exec .venv/bin/mkdocs serve --strict --dev-addr "${ADDR:-127.0.0.1:8000}" "$@"
