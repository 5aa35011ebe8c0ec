// Part 5: in a Next.js production build, how many frames a signed-in customer's reload paints as
// signed out. Serves examples/next-app-router three ways (the packed kit installed as in the
// end-to-end run, scripts/nextExample.mjs): as it is (the cookie store read on the server), and in
// copies where bench/next/<variant>/ replaces some files: the localStorage store the README used
// to recommend, and the same store with a useSessionReady placeholder. In Chromium, an init script
// classifies the header at every animation frame from the first one of the document until the
// customer's name shows.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import {
  buildApp,
  exampleDir,
  installExample,
  packKit,
  phase,
  startServer,
} from '../../scripts/nextExample.mjs';

const benchDir = fileURLToPath(new URL('../', import.meta.url));
const outDir = join(benchDir, '.out/next');
const RELOADS = 20;

/** Each variant: the overlays of bench/next/ laid over a copy of the example, in order. */
const VARIANTS = [
  {
    key: 'local',
    label: '`localStorage` store (`persist: { name }`)',
    overlays: ['local'],
  },
  {
    key: 'local-ready',
    label: '`localStorage` store, header waits for `useSessionReady()`',
    overlays: ['local', 'local-ready'],
  },
  {
    key: 'cookie',
    label: '`cookieStorage()` read on the server (`readSession` → `initialSession`)',
    overlays: [],
  },
];

/**
 * A copy of the example with the variant's files laid over it. node_modules is hard-linked (`cp
 * -al`), not symlinked: Turbopack resolves nothing outside its root.
 */
function variantDir(variant) {
  if (variant.overlays.length === 0) return exampleDir;
  const dir = join(outDir, variant.key);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const skip = new Set(['node_modules', '.next', 'e2e']);
  cpSync(exampleDir, dir, {
    recursive: true,
    filter: (source) => !skip.has(source.slice(exampleDir.length + 1).split('/')[0]),
  });
  const linked = spawnSync('cp', ['-al', join(exampleDir, 'node_modules'), dir]);
  if (linked.status !== 0) throw new Error(`cp -al node_modules failed: ${linked.stderr}`);
  for (const overlay of variant.overlays) {
    cpSync(join(benchDir, 'next', overlay), dir, { recursive: true });
  }
  return dir;
}

/**
 * Runs in the page before any of its scripts: at every animation frame, what the header shows,
 * until it shows the customer (or 10 s of frames).
 */
function recordHeaderFrames() {
  const frames = [];
  window.benchFrames = frames;
  const tick = () => {
    const header = document.querySelector('header');
    const text = header?.textContent ?? '';
    let shows = 'nothing';
    if (text.includes('Hi Maya')) shows = 'customer';
    else if (text.includes('Sign in')) shows = 'signed-out';
    else if (header) shows = 'placeholder';
    frames.push({ at: performance.now(), shows });
    if (shows !== 'customer' && frames.length < 600) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

async function measureVariant(browser, variant) {
  const dir = variantDir(variant);
  await buildApp(dir, `next build (${variant.key})`);
  const server = await startServer(dir);
  try {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('maya@example.com');
    await page.getByLabel('Password').fill('storefront');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/account$/);
    await page.getByText('Hi Maya').waitFor();
    await context.addInitScript(recordHeaderFrames);
    const samples = [];
    for (let run = 0; run < RELOADS; run += 1) {
      await page.goto('/');
      await page.waitForFunction(() => window.benchFrames?.at(-1)?.shows === 'customer');
      const frames = await page.evaluate(() => window.benchFrames);
      const count = (shows) => frames.filter((frame) => frame.shows === shows).length;
      const firstSignedOut = frames.find((frame) => frame.shows === 'signed-out');
      const customer = frames.at(-1);
      samples.push({
        signedOut: count('signed-out'),
        placeholder: count('placeholder'),
        signedOutMs: firstSignedOut ? customer.at - firstSignedOut.at : 0,
        customerAtMs: customer.at,
      });
    }
    await context.close();
    return samples;
  } finally {
    await server.stop();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

export async function measureNextReload() {
  if (!existsSync(chromiumPath)) return { error: `no Chromium at ${chromiumPath}` };
  const { chromium } = await import('playwright-core');
  await phase('npm run build (the kit, for npm pack)', 'npm', ['run', 'build']);
  const work = mkdtempSync(join(tmpdir(), 'storefront-auth-kit-bench-next-'));
  try {
    await installExample(await packKit(work));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const rows = [];
  try {
    for (const variant of VARIANTS) {
      const samples = await measureVariant(browser, variant);
      const pick = (key) => samples.map((sample) => sample[key]);
      rows.push({
        store: variant.label,
        signedOutMedian: median(pick('signedOut')),
        signedOutMax: Math.max(...pick('signedOut')),
        signedOutMsMedian: median(pick('signedOutMs')),
        placeholderMedian: median(pick('placeholder')),
        customerAtMedian: median(pick('customerAtMs')),
      });
    }
  } finally {
    await browser.close();
  }
  return {
    reloads: RELOADS,
    rows,
    notes: [
      `Chromium ${browser.version()}, headless. \`examples/next-app-router\` built with \`next build\``,
      'and served by `next start`, with the packed kit installed as in `npm test`. Maya signs in',
      `once; then the home page is loaded ${RELOADS} times. An init script looks at the header at every`,
      'animation frame from the first one of the document: "signed out" is a frame whose header',
      'offers "Sign in", "placeholder" one with neither that nor the name. The `localStorage`',
      'variants are copies of the example with `bench/next/<variant>/` laid over it (no session',
      'read on the server); the cookie store is the example as it is.',
    ],
  };
}
