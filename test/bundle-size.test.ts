/**
 * The browser bundle of the pure core with the API module (everything the root exports plus all of
 * `pctkit/api`, minified as a page would load it) stays under 60 KB gzip (issue 16), and the root
 * does not pull in the setup planners (`pctkit/setup`), which hold every distribution's setup code.
 * bench/api.mjs reports the same bundle beside the others; this test keeps the limit from eroding.
 */
import { build, type Metafile } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../scripts/purity.mjs';

async function bundle(contents: string): Promise<{ gzipKb: number; inputs: string[] }> {
  const out = await build({
    stdin: { contents, resolveDir: repoRoot, loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const bytes = out.outputFiles[0]!.contents;
  const meta = out.metafile as Metafile;
  const inputs = Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs));
  return { gzipKb: gzipSync(bytes).length / 1024, inputs };
}

describe('browser bundle of the core with the API module', () => {
  it('is under 60 KB gzip and holds no setup planner', async () => {
    const { gzipKb, inputs } = await bundle(
      "export * from './src/index.ts';\nexport * as api from './src/api/index.ts';\n",
    );
    expect(gzipKb).toBeLessThan(60);
    expect(inputs.filter((f) => f.startsWith('src/setup/'))).toEqual([]);
    // It is the core: the reader, the writer and the API views are in it.
    for (const f of ['src/config/reader.ts', 'src/config/writer.ts', 'src/api/get-config.ts'])
      expect(inputs).toContain(f);
  });

  it('sees a planner the root would re-export (the check above is not vacuous)', async () => {
    const planted = await bundle(
      "export * from './src/index.ts';\nexport * as api from './src/api/index.ts';\n" +
        "export { planSetup } from './src/setup/index.ts';\n",
    );
    expect(planted.inputs).toContain('src/setup/plan-setup.ts');
    expect(planted.inputs).toContain('src/setup/os/debian.ts');
  });
});
