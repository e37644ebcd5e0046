# Shared shell helpers for the demo and test commands. Sourced, not run.

# Installs the npm dependencies when node_modules is missing or older than the lockfile.
ensure_node_modules() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "hopscope: installing npm dependencies (npm ci)…"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  fi
}

# Generates the bundled sample incident (deterministic, seed 1) on first run.
ensure_sample() {
  if [ ! -s .data/sample/edge.ndjson ] || [ ! -s .data/sample/ingress.ndjson ]; then
    echo "hopscope: generating the sample incident into .data/sample…"
    npx tsx scripts/generate-sample.ts --out .data/sample
  fi
}
