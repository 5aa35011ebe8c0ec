// @vitest-environment node
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** Every module specifier a source file imports or re-exports. */
function specifiers(file: string): string[] {
  // Comments hold examples with imports of their own; only code counts.
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)].map(
    (match) => match[1] ?? '',
  );
}

/** The files a module reaches through relative imports, and the packages they import. */
function closure(entry: string) {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of specifiers(file)) {
      if (!specifier.startsWith('.')) packages.add(specifier);
      else {
        const target = resolve(dirname(file), specifier);
        visit(target.endsWith('.js') ? `${target.slice(0, -3)}${pickTs(target)}` : target);
      }
    }
  };
  visit(entry);
  return { files, packages };
}

function pickTs(jsPath: string): '.ts' | '.tsx' {
  try {
    readFileSync(`${jsPath.slice(0, -3)}.ts`);
    return '.ts';
  } catch {
    return '.tsx';
  }
}

describe('entry points', () => {
  it('keeps msw and the testing helpers out of the main entry', () => {
    const { files, packages } = closure(`${src}/index.ts`);
    expect(files.size).toBeGreaterThan(5);
    expect([...packages].filter((name) => name.startsWith('msw'))).toEqual([]);
    expect([...files].filter((file) => file.includes(`${src}/testing`))).toEqual([]);
  });

  it('builds the testing subpath on msw alone, without the kit or React', () => {
    const { packages } = closure(`${src}/testing/index.ts`);
    expect([...packages].sort()).toEqual(['msw']);
  });
});
