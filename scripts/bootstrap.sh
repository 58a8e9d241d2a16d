#!/usr/bin/env bash
# Install everything the project needs, on a fresh Debian machine or an old checkout.
# Idempotent: each step is skipped when its lock file has not changed since the last run.
#   scripts/bootstrap.sh           Python packages (.venv) and npm packages (node_modules)
#   scripts/bootstrap.sh browser   the same, plus Debian's chromium for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if ! cmp -s requirements.txt .venv/.installed-requirements; then
  # requirements.txt carries a sha256 hash for every file: pip refuses anything else.
  .venv/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
  # The project's own packages (macros/, chooser/), so that mkdocs hooks and tests import them;
  # built with the pinned setuptools from requirements.txt, not one fetched on the fly.
  .venv/bin/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
  cp requirements.txt .venv/.installed-requirements
fi

if ! cmp -s package-lock.json node_modules/.installed-lock; then
  npm ci --no-audit --no-fund --ignore-scripts
  cp package-lock.json node_modules/.installed-lock
fi

if [ "${1:-}" = browser ]; then
  # Playwright drives Debian's Chromium (no browser is ever downloaded by a test tool);
  # the Nu HTML Checker needs a Java runtime.
  missing=""
  [ -x /usr/bin/chromium ] || missing="$missing chromium"
  command -v java >/dev/null || missing="$missing default-jre-headless"
  if [ -n "$missing" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  fi
  # LibreOffice (Writer, no GUI) opens the plan's Word file in a test and converts it to PDF.
  if ! command -v soffice >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui >/dev/null
  fi
fi
