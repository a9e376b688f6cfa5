#!/usr/bin/env bash
# Builds the portal on a fresh lake and runs the Playwright suite against `next start`.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
export LAKE_DB_PATH="${LAKE_DB_PATH:-.data/e2e/lake.sqlite}"
export E2E_PORT="${E2E_PORT:-3100}"
# The server under test also serves the lake's API (instrumentation.ts); the Studio bundle is built to reach it.
export LAKE_API_PORT="${LAKE_API_PORT:-3543}"
export NEXT_PUBLIC_LAKE_API_URL="https://localhost:${LAKE_API_PORT}"
export SITE_URL="http://localhost:${E2E_PORT}"
# Lets the embargo test move the server's clock (sanity/clock.ts); nothing else sets it.
export BASPA_TEST_CLOCK_FILE="$PWD/$(dirname "$LAKE_DB_PATH")/test-clock-offset"
# Lets the outage test make the content client fail (sanity/backend-health.ts); nothing else sets it.
export BASPA_TEST_FAULT_FILE="$PWD/$(dirname "$LAKE_DB_PATH")/test-fault"
rm -rf "$(dirname "$LAKE_DB_PATH")" .next
npx next build
npx playwright test "$@"
