#!/usr/bin/env bash
# Builds the portal on a fresh lake and runs the Playwright suite against `next start`.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
export LAKE_DB_PATH="${LAKE_DB_PATH:-.data/e2e/lake.sqlite}"
export E2E_PORT="${E2E_PORT:-3100}"
rm -rf "$(dirname "$LAKE_DB_PATH")" .next
npx next build
npx playwright test "$@"
