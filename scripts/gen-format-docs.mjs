// Writes docs/formats/*.md from the typed codecs (scripts/format-docs.ts), bundled on the fly
// with esbuild, so no build is needed. test/typed/format-docs.test.ts fails when the committed
// pages differ from what this writes.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'pctkit-docs-'));
try {
  const outfile = join(dir, 'format-docs.mjs');
  await build({ entryPoints: [join(root, 'scripts/format-docs.ts')], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'warning' });
  const { formatDocPages } = await import(pathToFileURL(outfile).href);
  const target = join(root, 'docs', 'formats');
  mkdirSync(target, { recursive: true });
  for (const [name, text] of Object.entries(formatDocPages())) {
    writeFileSync(join(target, name), text);
    console.log(`docs/formats/${name}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
