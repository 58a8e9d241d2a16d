#!/usr/bin/env bash
# Set up and run every check: data, lint, strict build and the whole pytest suite
# (unit, data, build and real-browser tests). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh browser
.venv/bin/python -m macros.loader
.venv/bin/ruff check macros chooser tests scripts
.venv/bin/yamllint --strict data
export NO_MKDOCS_2_WARNING=1  # the theme advertises its successor on every build
.venv/bin/python -m pytest "$@"
