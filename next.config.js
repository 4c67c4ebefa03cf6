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
  // Next's own files (scripts, styles, fonts) carry the headers of data, as lib/http/route.ts
  // gives the API's answers; pages get theirs from proxy.ts. HSTS, which depends on the
  // public URL at run time, comes with the pages and the API: it covers the whole host.
  async headers() {
    return [
      {
        source: '/_next/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
