#!/usr/bin/env bash
# The one test command: typecheck, lint, every Vitest suite (unit, DuckDB, and the Elasticsearch
# suites against a real node), the production build, and the Playwright suite in Chromium.
# Uses ES_URL when set; otherwise starts a local node (scripts/elasticsearch.sh) and stops it after.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
source scripts/lib.sh

step() {
  local name=$1
  shift
  echo
  echo "==> ${name}"
  local started=$SECONDS
  "$@"
  echo "<== ${name} passed in $((SECONDS - started)) s"
}

ensure_node_modules
ensure_sample
step "typecheck" npx tsc --noEmit
step "lint" npx eslint --max-warnings=0 .

if [ -z "${ES_URL:-}" ]; then
  es_log=$(mktemp)
  trap 'bash scripts/elasticsearch.sh stop || true' EXIT
  step "elasticsearch node" bash -c "bash scripts/elasticsearch.sh start | tee '$es_log'"
  ES_URL=$(sed -n 's/^ES_URL=//p' "$es_log" | tail -n 1)
  rm -f "$es_log"
  if [ -z "$ES_URL" ]; then
    echo "hopscope: the Elasticsearch node did not report its URL" >&2
    exit 1
  fi
fi
export ES_URL
echo "hopscope: Elasticsearch at $ES_URL"

step "unit, embedded-store and Elasticsearch suites (vitest)" npx vitest run
# Built with the canary Elasticsearch credentials of e2e/canary-credentials.ts in the environment:
# e2e/credential-leak.spec.ts then fails if anything inlined them into the client bundle.
canary_env=$(npx tsx e2e/canary-credentials.ts)
# shellcheck disable=SC2086
step "production build" env $canary_env npx next build
step "end-to-end suite (Playwright, Chromium)" npx playwright test
echo
echo "hopscope: all test stages passed"
