import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { expect, test } from './fixtures.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

let outDir = '';
let server: Server;
let origin = '';

// `npm run build:demo`, served as plain files from a sub-folder: it must still run on the mocks.
test.beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'storefront-demo-'));
  execFileSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--config',
      'vite.demo.config.ts',
      '--outDir',
      outDir,
    ],
    { stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } },
  );
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (!path.startsWith('/shop/')) {
      response.writeHead(404).end();
      return;
    }
    const relative = normalize(path.slice('/shop/'.length) || 'index.html');
    try {
      const body = readFileSync(join(outDir, relative));
      response.writeHead(200, {
        'Content-Type': TYPES[extname(relative)] ?? 'application/octet-stream',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise<void>((done) => {
    server.listen(0, '127.0.0.1', () => {
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      done();
    });
  });
});

test.afterAll(() => {
  server?.close();
  if (outDir !== '') rmSync(outDir, { recursive: true, force: true });
});

test('the static build runs on the mocks from any folder', async ({ page }) => {
  await page.goto(`${origin}/shop/?backend=wemasy&scenario=rate-limited&retryAfter=1`);
  await expect(page.getByText('Hi, Maya')).toBeVisible();
  await expect(page.getByRole('table')).toContainText('SO-10482');
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('button', { name: /^Try again in 1 s$/ })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Signed out');
});

test('the static build runs the Commerce Engine SDK on the mocks', async ({ page }) => {
  await page.goto(`${origin}/shop/?backend=commerce-engine&scenario=ok&retryAfter=1`);
  await expect(page.getByText('Hi, Maya')).toBeVisible();
  await expect(page.getByRole('table')).toContainText('SO-10482');
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('banner')).toContainText('Guest');
});
