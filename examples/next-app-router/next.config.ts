import type { NextConfig } from 'next';

// This folder has its own package-lock.json inside the kit's repository, which has another one:
// without a root, Next would pick the repository's lockfile and trace and watch the whole repository.
const root = import.meta.dirname;

const nextConfig: NextConfig = {
  turbopack: { root },
  outputFileTracingRoot: root,
};

export default nextConfig;
