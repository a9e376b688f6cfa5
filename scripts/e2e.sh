#!/usr/bin/env bash
# Builds the portal on a fresh lake and runs the Playwright suite against `npm start` (server/main.ts),
# which starts the lake as its own process, as in production.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
export LAKE_DB_PATH="${LAKE_DB_PATH:-.data/e2e/lake.sqlite}"
export E2E_PORT="${E2E_PORT:-3100}"
# The lake the server under test starts: HTTPS for the Studio (its bundle is built to reach it), plain HTTP for the site.
export LAKE_API_PORT="${LAKE_API_PORT:-3543}"
export LAKE_HTTP_PORT="${LAKE_HTTP_PORT:-3544}"
export NEXT_PUBLIC_LAKE_API_URL="https://localhost:${LAKE_API_PORT}"
export SITE_URL="http://localhost:${E2E_PORT}"
# Lets the embargo tests move the lake's clock (LAKE_TEST_CLOCK_FILE); nothing else sets it.
export BASPA_TEST_CLOCK_FILE="$PWD/$(dirname "$LAKE_DB_PATH")/test-clock-offset"
for port in "$LAKE_API_PORT" "$LAKE_HTTP_PORT" "$E2E_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use: stop what listens there"; exit 1; fi
done
rm -rf "$(dirname "$LAKE_DB_PATH")" .next .data/e2e-cluster
npm run build
npx playwright test "$@"
# The same build, scaled out: Redis, the lake, two instances and Varnish (playwright.cluster.config.ts).
# A run narrowed by arguments is about the specs it names.
if [ $# -eq 0 ]; then npx playwright test -c playwright.cluster.config.ts; fi
