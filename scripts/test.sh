#!/usr/bin/env bash
# The README's test command: installs everything from scratch, then runs every check, and ends with
# a table of each step's time.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."

timings=()
started_all=$SECONDS
step() {
  local name="$1"
  shift
  printf '\n\033[1m== %s ==\033[0m\n' "$name"
  local started=$SECONDS
  "$@"
  timings+=("$(printf '%-58s %5d s' "$name" $((SECONDS - started)))")
}
report() {
  local status=$?
  printf '\n\033[1m== step times ==\033[0m\n'
  for line in "${timings[@]}"; do echo "$line"; done
  printf '%-58s %5d s%s\n' "total" $((SECONDS - started_all)) "$([ $status -ne 0 ] && echo '  (failed)')"
}
trap report EXIT

install_chromium() {
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; fi
}

if [ "${BASPA_SKIP_INSTALL:-}" != "1" ]; then
  step "npm ci" npm ci --no-audit --no-fund
fi

CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then step "installing Debian chromium" install_chromium; fi
export CHROMIUM_PATH

step "typecheck" npm run typecheck
step "Sanity schema" npx sanity schema validate
step "lint (ESLint with the layer rules, Prettier)" npm run lint
step "unit, integration and contract tests (vitest: lake, unit, integration)" npm run test:unit
step "end-to-end tests (the site and its lake, Studio included)" bash scripts/e2e.sh
