#!/usr/bin/env bash
# Recompile requirements.txt from requirements.in: every package pinned, with hashes.
# Run after changing requirements.in; commit both files. Uses pip-tools in a throw-away venv.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="$(mktemp -d)"
python3 -m venv "$tools"
"$tools/bin/pip" install --quiet --disable-pip-version-check pip-tools==7.6.2
"$tools/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
  --output-file requirements.txt requirements.in "$@"
rm -rf "$tools"
