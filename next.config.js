/** @type {import('next').NextConfig} */
const nextConfig = {
  // DuckDB and the Elasticsearch client are native/server-only: keep them out of the bundle.
  serverExternalPackages: ['@duckdb/node-api', '@duckdb/node-bindings', '@elastic/elasticsearch'],
  poweredByHeader: false,
  reactStrictMode: true,
};

module.exports = nextConfig;
