/**
 * The `browser` field of package.json sends bundlers from fp-ts's and io-ts's CommonJS builds
 * (`…/lib/X.js`, which Node's ESM loader needs) to their ES module builds (`…/es6/X.js`), which a
 * bundler can tree-shake: the browser bundle of the core and the API shrinks by about 7.6 KB gzip.
 * Every such import in src/ must have its mapping, or a bundle would carry both builds.
 */
import { build } from 'esbuild';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../scripts/purity.mjs';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  browser: Record<string, string>;
};

describe('browser mapping of fp-ts and io-ts', () => {
  it('maps every fp-ts/io-ts CommonJS import of src/ to the ES module file of the same name', () => {
    const specifiers = new Set<string>();
    for (const file of sourceFiles(join(repoRoot, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/from '((?:fp-ts|io-ts)\/[^']+)'/g)) {
        specifiers.add(m[1]!);
      }
    }
    expect(specifiers.size).toBeGreaterThan(0);
    for (const s of specifiers) {
      expect(s).toMatch(/^(fp-ts|io-ts)\/lib\/[A-Za-z]+\.js$/);
      const target = s.replace('/lib/', '/es6/');
      expect(pkg.browser[s], s).toBe(target);
      expect(existsSync(join(repoRoot, 'node_modules', target)), target).toBe(true);
    }
    // and nothing else: a stale entry would point at a module no file imports
    expect(Object.keys(pkg.browser).sort()).toEqual([...specifiers].sort());
  });

  it('a browser bundle of the core and the API takes only the ES module builds', async () => {
    const result = await build({
      stdin: {
        contents: "export * from './src/index.ts';\nexport * as api from './src/api/index.ts';\n",
        resolveDir: repoRoot,
        loader: 'ts',
      },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs).filter((f) =>
      /node_modules\/(fp-ts|io-ts)\//.test(f),
    );
    expect(inputs.length).toBeGreaterThan(0);
    expect(inputs.filter((f) => f.includes('/lib/'))).toEqual([]);
  }, 60_000);
});
