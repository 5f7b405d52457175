import type { NextConfig } from 'next';
import { securityHeaders } from './lib/security-headers';

/**
 * The portal runs behind the API's port (the API proxies every non-API path to it), so it needs no
 * compression of its own, and it reads the monorepo's TypeScript packages from source. The build is
 * a standalone server (`.next/standalone`) with just the files it needs: the API starts it from
 * there, and the single binary carries it.
 */
const config: NextConfig = {
  output: 'standalone',
  compress: false,
  poweredByHeader: false,
  reactStrictMode: true,
  transpilePackages: ['@latchkey/i18n', '@latchkey/types'],
  // Every answer, assets included; pages get their Content-Security-Policy (with a nonce) from proxy.ts.
  async headers() {
    return [{ source: '/:path*', headers: Object.entries(securityHeaders).map(([key, value]) => ({ key, value })) }];
  },
  experimental: {
    optimizePackageImports: ['@mantine/core', '@mantine/hooks', '@mantine/charts', '@tabler/icons-react'],
  },
};

export default config;
