// What a storefront installs works: packs the kit with `npm pack`, installs the tarball into a
// fresh Vite + React app in a temporary folder, type-checks and builds that app, serves the build
// and checks in Chromium that the LogoutButton renders and can be clicked.
// Run by `npm test` after the library build; alone: `npm run build && node test/package/smoke.mjs`.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const keep = process.env.KEEP_SMOKE_APP === '1';

/** The version installed in the kit's own node_modules, so npm finds it in its cache. */
function installed(name) {
  return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

function check(label, command, args, cwd) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  if (result.status !== 0) {
    console.error(
      `not ok - ${label}\n${result.stdout ?? ''}${result.stderr ?? ''}${result.error ?? ''}`,
    );
    throw new Error(`${label} failed`);
  }
  console.info(`ok - ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result.stdout;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

const appFiles = {
  'index.html': `<!doctype html>
<html lang="en">
  <head><meta charset="UTF-8" /><link rel="icon" href="data:," /><title>smoke</title></head>
  <body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body>
</html>
`,
  'vite.config.ts': `import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({ plugins: [react()] });
`,
  'tsconfig.json': `${JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        module: 'ESNext',
        moduleResolution: 'Bundler',
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: [],
      },
      include: ['src'],
    },
    null,
    2,
  )}\n`,
  // Node resolves both entries through the package's exports map, and the main entry can be
  // imported where there is no DOM (server rendering).
  'node-check.mjs': `import * as kit from 'storefront-auth-kit';
import * as testing from 'storefront-auth-kit/testing';

for (const name of ['AuthKitProvider', 'LogoutButton', 'createSessionStore', 'useLogout', 'wemasy', 'commerceEngine']) {
  // Components may be functions or forwardRef/memo objects.
  if (kit[name] == null) throw new Error(\`storefront-auth-kit does not export \${name}\`);
}
if (Object.keys(testing).length === 0) throw new Error('storefront-auth-kit/testing exports nothing');
`,
  'src/main.tsx': `import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AuthKitProvider, createSessionStore, LogoutButton, wemasy } from 'storefront-auth-kit';

const queryClient = new QueryClient();
const store = createSessionStore();

const container = document.getElementById('root');
if (!container) throw new Error('no #root');
createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AuthKitProvider backend={wemasy()} store={store}>
        <header>
          <LogoutButton />
        </header>
      </AuthKitProvider>
    </QueryClientProvider>
  </StrictMode>,
);
`,
};

async function renderInChromium(url) {
  // playwright-core comes with @playwright/test in the kit's own dev dependencies.
  const require = createRequire(join(root, 'package.json'));
  const { chromium: browserType } = require('playwright-core');
  const browser = await browserType.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
  });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.goto(url);
    const button = page.getByRole('button', { name: 'Log out' });
    await button.waitFor({ state: 'visible', timeout: 15_000 });
    if ((await button.getAttribute('type')) !== 'button')
      throw new Error('the button is not type="button"');
    // No session in the store: a click signs out without sending anything and must not throw.
    await button.click();
    await page.waitForTimeout(300);
    if (problems.length > 0) throw new Error(problems.join('\n'));
    console.info('ok - the LogoutButton renders in Chromium and takes a click');
  } finally {
    await browser.close();
  }
}

async function main() {
  if (!existsSync(join(root, 'dist/index.js'))) {
    check('build the kit (dist/ was missing)', 'npm', ['run', 'build'], root);
  }
  const work = mkdtempSync(join(tmpdir(), 'storefront-auth-kit-smoke-'));
  const app = join(work, 'app');
  let preview;
  try {
    const packed = check('npm pack', 'npm', ['pack', '--pack-destination', work, '--silent'], root);
    const tarball = join(work, packed.trim().split('\n').pop());
    if (!existsSync(tarball)) throw new Error(`npm pack printed ${packed}, not a tarball`);

    mkdirSync(join(app, 'src'), { recursive: true });
    const dependencies = {
      '@tanstack/react-query': installed('@tanstack/react-query'),
      react: installed('react'),
      'react-dom': installed('react-dom'),
      'storefront-auth-kit': `file:${tarball}`,
      zustand: installed('zustand'),
    };
    const devDependencies = {
      msw: installed('msw'),
      '@types/react': installed('@types/react'),
      '@types/react-dom': installed('@types/react-dom'),
      '@vitejs/plugin-react': installed('@vitejs/plugin-react'),
      vite: installed('vite'),
    };
    const manifest = {
      name: 'smoke-storefront',
      private: true,
      type: 'module',
      dependencies,
      devDependencies,
    };
    writeFileSync(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const [file, text] of Object.entries(appFiles)) writeFileSync(join(app, file), text);

    // Everything but the tarball is already in npm's cache from the kit's own `npm ci`.
    check(
      'npm install the tarball into a fresh Vite + React app',
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'error'],
      app,
    );
    const files = readdirSync(join(app, 'node_modules/storefront-auth-kit/dist'), {
      recursive: true,
    });
    if (!files.includes('index.js') || !files.includes('index.d.ts')) {
      throw new Error(
        `the installed package lacks dist/index.js or dist/index.d.ts: ${files.join(', ')}`,
      );
    }
    check(
      'tsc: the app type-checks against the installed types',
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(app, 'tsconfig.json')],
      app,
    );
    check(
      'node imports both entries of the installed package',
      process.execPath,
      ['node-check.mjs'],
      app,
    );
    check(
      'vite build of the app',
      process.execPath,
      [join(app, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      app,
    );

    const port = await freePort();
    preview = spawn(
      process.execPath,
      [
        join(app, 'node_modules/vite/bin/vite.js'),
        'preview',
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--strictPort',
      ],
      { cwd: app, stdio: 'ignore' },
    );
    const url = `http://127.0.0.1:${port}/`;
    await waitForServer(url, 30_000);
    await renderInChromium(url);
  } finally {
    if (preview) preview.kill();
    if (keep) console.info(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(`not ok - ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
