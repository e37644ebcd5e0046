#!/usr/bin/env bash
# One command from a fresh clone to the dashboard on the sample incident: installs the npm
# dependencies, generates the sample, builds and serves on http://localhost:${PORT:-3000}.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
source scripts/lib.sh

ensure_node_modules
ensure_sample
npx next build
echo "hopscope: serving on http://localhost:${PORT:-3000} (backend: ${HOPSCOPE_BACKEND:-duckdb})"
exec npx next start -p "${PORT:-3000}"
