// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server bundle for the container image; no node_modules needed at run time.
  output: 'standalone',
  poweredByHeader: false,
  reactStrictMode: true,
  // The cluster gateway's client library and its HTTP transport run as plain Node modules
  // (they read their own package.json and hold sockets); bundling them gains nothing.
  serverExternalPackages: ['@kubernetes/client-node', 'undici'],
  // The lab and its build artefacts live beside the app; keep them out of file tracing.
  outputFileTracingExcludes: {
    '*': ['./lab/**', './.lab/**', './.lab-test/**', './e2e/**', './docs/**'],
  },
};

module.exports = nextConfig;
