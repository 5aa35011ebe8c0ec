// Debian's Chromium, as every browser run of the project starts it (Playwright's e2e suite, the
// package smoke test, the benchmark). Playwright's own browser download does not work here.

/** Where Chromium is: `CHROMIUM_PATH`, or Debian's package. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * As root in a container, without a GPU, a large /dev/shm or a network to phone home to: without the
 * background-networking flags Chromium keeps trying hosts this machine cannot reach.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
