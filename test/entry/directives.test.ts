import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as kit from '../../src/index.js';

const src = `${resolve(dirname(fileURLToPath(import.meta.url)), '../../src')}/`;

/** The text of a source module named as the entry imports it (`react/labels` for `./react/labels.js`). */
function source(module: string): string {
  const path = [`${src}${module}.ts`, `${src}${module}.tsx`].find((file) => existsSync(file));
  if (path === undefined) throw new Error(`no source for ${module}`);
  return readFileSync(path, 'utf8');
}

/** Every runtime export of the main entry, with the module it comes from. */
const entryExports = [
  ...source('index').matchAll(/^export \{([^}]+)\} from '\.\/(.+)\.js';$/gm),
].flatMap(([, names = '', module = '']) =>
  names
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => ({ name, module })),
);

/**
 * Whether a module opens with the directive. Comments may come first: a mutation run (npm run
 * mutate) puts its own lines above the module's text.
 */
const isClientModule = (module: string) => {
  const text = source(module);
  const at = text.search(/^'use client';$/m);
  return at >= 0 && !/^(import|export) /m.test(text.slice(0, at));
};
// Hooks and components; LogoutError is a class, not a component.
const isReactExport = (name: string) =>
  /^(use[A-Z]|[A-Z][a-z])/.test(name) && name !== 'LogoutError';

describe("the main entry's 'use client' boundaries", () => {
  it('accounts for every runtime export of the entry', () => {
    expect(entryExports.map(({ name }) => name).sort()).toEqual(Object.keys(kit).sort());
  });

  it('keeps plain data and pure functions out of client modules, so a Server Component can call them', () => {
    const plain = entryExports.filter(({ name }) => !isReactExport(name));
    expect(plain.map(({ name }) => name)).toContain('defaultLogoutButtonLabels');
    for (const { name, module } of plain) {
      expect({ name, client: isClientModule(module) }).toEqual({ name, client: false });
    }
    expect(kit.defaultLogoutButtonLabels.coolingDown(5)).toBe('Try again in 5 s');
  });

  it("marks every hook and component module 'use client', so Next.js storefronts can import them", () => {
    for (const { name, module } of entryExports.filter(({ name }) => isReactExport(name))) {
      expect({ name, client: isClientModule(module) }).toEqual({ name, client: true });
    }
  });
});
