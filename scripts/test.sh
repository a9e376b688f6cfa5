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

# Debian packages the tests run for real: chromium (Playwright), redis-server, varnish and varnish-modules (the cluster).
apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

if [ "${BASPA_SKIP_INSTALL:-}" != "1" ]; then
  step "npm ci" npm ci --no-audit --no-fund
fi

CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM_PATH" ] || missing+=(chromium)
command -v redis-server > /dev/null || missing+=(redis-server)
command -v varnishd > /dev/null || missing+=(varnish)
[ -e /usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so ] || [ -n "$(find /usr/lib -name libvmod_xkey.so 2> /dev/null | head -1)" ] || missing+=(varnish-modules)
if [ ${#missing[@]} -gt 0 ]; then step "installing Debian ${missing[*]}" apt_install "${missing[@]}"; fi
export CHROMIUM_PATH

step "typecheck" npm run typecheck
step "Sanity schema" npx sanity schema validate
step "lint (ESLint with the layer rules, Prettier)" npm run lint
step "unit, integration and contract tests (vitest: lake, unit, integration)" npm run test:unit
step "end-to-end tests (the site and its lake, Studio included; then the cluster: Redis, two instances, Varnish)" bash scripts/e2e.sh
