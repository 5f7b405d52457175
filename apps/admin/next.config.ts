import type { NextConfig } from 'next';

/**
 * The portal runs behind the API's port (the API proxies every non-API path to it), so it needs no
 * compression of its own, and it reads the monorepo's TypeScript packages from source.
 */
const config: NextConfig = {
  compress: false,
  poweredByHeader: false,
  reactStrictMode: true,
  transpilePackages: ['@latchkey/i18n', '@latchkey/types'],
  experimental: {
    optimizePackageImports: ['@mantine/core', '@mantine/hooks', '@mantine/charts', '@tabler/icons-react'],
  },
};

export default config;
