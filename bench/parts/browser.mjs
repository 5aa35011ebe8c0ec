// Part 4: in Chromium, the time from the mocked logout response to the page no longer showing the
// customer. Builds bench/browser/ with Vite (production React), serves it with `vite preview`, and
// drives Debian's Chromium with playwright-core. The timings are taken inside the page with
// performance marks (see bench/browser/main.tsx).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const rootDir = fileURLToPath(new URL('../../', import.meta.url));
const pageDir = fileURLToPath(new URL('../browser/', import.meta.url));
const outDir = fileURLToPath(new URL('../.out/browser/', import.meta.url));
const CHROMIUM = chromiumPath;
const RUNS = 40;
const WARMUP = 5;

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p90: at(0.9), min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Signs in and logs out WARMUP + RUNS times on a fresh page; returns the page's samples. */
async function runLogouts(browser, url) {
  const page = await browser.newPage();
  try {
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
    return { samples, frame };
  } finally {
    await page.close();
  }
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
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs });
  try {
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('vite preview has no URL');
    const confirm = await runLogouts(browser, url);
    const local = await runLogouts(browser, `${url}?strategy=local-first`);
    const frame = confirm.frame;
    const row = (measure, values) => ({ measure, ...stats(values) });
    return {
      notes: [
        `Chromium ${browser.version()}, headless, on ${CHROMIUM}. The page (\`bench/browser/\`) is a`,
        "production Vite build: a header with the customer's name and the `LogoutButton` under",
        "`AuthKitProvider` with the `commerceEngine` backend; msw's service worker answers with",
        "the kit's handlers. Performance marks inside the page: the click (a capturing listener),",
        'the handler answering (its `onRequest`), the moment a MutationObserver sees the',
        "customer's name leave the DOM, and the next `requestAnimationFrame` (the frame that",
        `paints it). ${RUNS} logouts per strategy after ${WARMUP} warm-up ones. One frame here is`,
        `${frame.toFixed(1)} ms (median gap between animation frames). Times from the answer include`,
        "the hop from the service worker back to the page's `fetch`.",
        '',
        'The default `confirm` strategy waits for the server, so the answer starts the clock. With',
        '`strategy={localFirst()}` the customer is gone before the request is even answered, so the',
        'answer comes after the removal (a negative time from the answer).',
      ],
      frameMs: frame,
      runs: RUNS,
      withinFrame: confirm.samples.filter((sample) => sample.responseToGone <= frame).length,
      rows: [
        row(
          'confirm (default): answer → customer gone from the DOM',
          confirm.samples.map((s) => s.responseToGone),
        ),
        row(
          'confirm (default): answer → the next animation frame',
          confirm.samples.map((s) => s.responseToFrame),
        ),
        row(
          'confirm (default): click → customer gone',
          confirm.samples.map((s) => s.clickToGone),
        ),
        row(
          'localFirst(): click → customer gone',
          local.samples.map((s) => s.clickToGone),
        ),
        row(
          'localFirst(): answer → customer gone (negative: gone first)',
          local.samples.map((s) => s.responseToGone),
        ),
      ],
    };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.httpServer.close(resolve));
  }
}
