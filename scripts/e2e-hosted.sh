#!/usr/bin/env bash
# "Both modes, one code path": runs the reader suite with the portal in hosted mode, its
# @sanity/client pointed at the lake's HTTP API (a separate process, like hosted Sanity would be).
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."

folder=.data/e2e-hosted
api_port="${HOSTED_LAKE_PORT:-3643}"
rm -rf "$folder" .next
mkdir -p "$folder"

if (exec 3<>"/dev/tcp/127.0.0.1/$api_port") 2>/dev/null; then
  echo "port $api_port is in use: stop what listens there or set HOSTED_LAKE_PORT"; exit 1
fi
# The lake sends revalidation webhooks to the hosted-mode site, signed with a secret both share,
# as hosted Sanity would (README: "Revalidation webhook").
site_port="${E2E_HOSTED_PORT:-3200}"
SANITY_REVALIDATE_SECRET="$(node -p "require('node:crypto').randomBytes(24).toString('hex')")"
export SANITY_REVALIDATE_SECRET
# One process (node with tsx as a loader), so that the trap below really stops it.
SITE_URL="http://localhost:$site_port" LAKE_DB_PATH="$folder/lake.sqlite" LAKE_API_PORT="$api_port" node --import tsx sanity/lake/http/serve.ts > "$folder/lake.log" 2>&1 &
lake_pid=$!
# The outage test stops and continues this process (SIGSTOP/SIGCONT: a backend that hangs, then returns).
echo "$lake_pid" > "$folder/lake.pid"
export BASPA_HOSTED_LAKE_PID_FILE="$PWD/$folder/lake.pid"
# Tests that write through the lake's API (e2e/fixtures.ts) reach this one.
export E2E_LAKE_FOLDER="$folder" E2E_LAKE_API_URL="https://localhost:$api_port"
trap 'kill -CONT "$lake_pid" 2>/dev/null || true; kill "$lake_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  if [ -f "$folder/tls/ca.pem" ] && curl -sf --cacert "$folder/tls/ca.pem" "https://localhost:$api_port/v1/ping" > /dev/null; then break; fi
  sleep 0.5
done
curl -sf --cacert "$folder/tls/ca.pem" "https://localhost:$api_port/v1/ping" > /dev/null || { cat "$folder/lake.log"; echo "the lake API did not start"; exit 1; }

export SANITY_PROJECT_ID=local SANITY_DATASET=production SANITY_API_HOST="https://localhost:$api_port"
SANITY_API_READ_TOKEN="$(node -p "require('./$folder/lake-tokens.json').viewer")"
export SANITY_API_READ_TOKEN
export NODE_EXTRA_CA_CERTS="$PWD/$folder/tls/ca.pem"
export E2E_PORT="$site_port" SITE_URL="http://localhost:$site_port" LAKE_API_PORT=off BASPA_E2E_MODE=hosted
npx next build
npx playwright test --project desktop --project mobile --project load --project outage "$@"
