#!/usr/bin/env bash
# The README's test command: installs everything from scratch, then runs every check.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

if [ "${BASPA_SKIP_INSTALL:-}" != "1" ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then
  step "installing Debian chromium"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; fi
fi
export CHROMIUM_PATH

step "typecheck"
npm run typecheck
step "Sanity schema"
npx sanity schema validate
step "lint"
npm run lint
step "unit tests"
npm run test:unit
step "end-to-end tests (the site and its lake as separate processes, Studio included)"
bash scripts/e2e.sh
