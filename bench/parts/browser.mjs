// Part 4: in Chromium, the time from the mocked logout response to the page no longer showing the
// customer. Builds bench/browser/ with Vite (production React), serves it with `vite preview`, and
// drives Debian's Chromium with playwright-core. The timings are taken inside the page with
// performance marks (see bench/browser/main.tsx).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const rootDir = fileURLToPath(new URL('../../', import.meta.url));
const pageDir = fileURLToPath(new URL('../browser/', import.meta.url));
const outDir = fileURLToPath(new URL('../.out/browser/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = 40;
const WARMUP = 5;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p90: at(0.9), min: sorted[0], max: sorted[sorted.length - 1] };
}

export async function measureBrowser() {
  if (!existsSync(`${rootDir}src/index.ts`) || !existsSync(`${rootDir}src/testing/index.ts`)) {
    return { error: 'src/index.ts or src/testing/index.ts does not exist yet' };
  }
  if (!existsSync(CHROMIUM)) return { error: `no Chromium at ${CHROMIUM}` };
  const { build, preview } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  const { chromium } = await import('playwright-core');

  await build({
    configFile: false,
    root: pageDir,
    base: '/',
    publicDir: `${rootDir}public`,
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  });
  const server = await preview({
    configFile: false,
    root: pageDir,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('vite preview has no URL');
    const page = await browser.newPage();
    await page.goto(url);
    await page.evaluate(() => window.benchPage.ready);
    const customer = page.getByTestId('customer');
    for (let run = 0; run < WARMUP + RUNS; run += 1) {
      await page.evaluate(() => window.benchPage.signIn());
      await customer.waitFor({ state: 'visible' });
      const before = await page.evaluate(() => window.benchPage.samples.length);
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForFunction((n) => window.benchPage.samples.length > n, before);
    }
    const samples = (await page.evaluate(() => window.benchPage.samples)).slice(WARMUP);
    const frame = await page.evaluate(() => window.benchPage.frameMs());
    const version = browser.version();
    return {
      notes: [
        `Chromium ${version}, headless, on ${CHROMIUM}. The page (\`bench/browser/\`) is a`,
        "production Vite build: a header with the customer's name and the `LogoutButton` under",
        "`AuthKitProvider` with the `commerceEngine` backend; msw's service worker answers with",
        "the kit's handlers. The handler sets a performance mark when it answers; a",
        "MutationObserver marks the moment the customer's name leaves the DOM, and the next",
        '`requestAnimationFrame` marks the frame that paints it.',
        `${RUNS} logouts after ${WARMUP} warm-up ones. One frame here is ${frame.toFixed(1)} ms`,
        '(median gap between animation frames). The time includes the hop from the service',
        "worker back to the page's `fetch`.",
      ],
      frameMs: frame,
      runs: RUNS,
      withinFrame: samples.filter((sample) => sample.responseToGone <= frame).length,
      rows: [
        {
          measure: 'handler answered → customer gone from the DOM',
          ...stats(samples.map((s) => s.responseToGone)),
        },
        {
          measure: 'handler answered → next animation frame after that',
          ...stats(samples.map((s) => s.responseToFrame)),
        },
      ],
    };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.httpServer.close(resolve));
  }
}
