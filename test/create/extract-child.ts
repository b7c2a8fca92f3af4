/**
 * Runs `extractArchive` in a separate Node process (bundled from the sources with esbuild) so a
 * test can measure that process's peak RSS alone, without vitest's own memory.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { ExtractOptions, ExtractSummary } from '../../src/effects/extract/index.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';

let bundle: string | undefined;

async function bundled(): Promise<string> {
  if (bundle !== undefined) return bundle;
  const dir = mkdtempSync(join(tmpdir(), 'pctkit-extract-child-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { extractArchive } from ${JSON.stringify(resolve('src/effects/extract/index.ts'))};
const r = await extractArchive(JSON.parse(process.argv[2]));
const out = r._tag === 'Right' ? { ok: true, summary: r.right } : { ok: false, diagnostics: r.left };
process.stdout.write(JSON.stringify({ ...out, maxRssKiB: process.resourceUsage().maxRSS }));
`,
  );
  const outfile = join(dir, 'extract.mjs');
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'silent',
  });
  bundle = outfile;
  return outfile;
}

export interface ChildOutcome {
  readonly ok: boolean;
  readonly summary?: ExtractSummary;
  readonly diagnostics?: readonly Diagnostic[];
  readonly maxRssKiB: number;
}

/** Extracts in a child process; returns its outcome and peak RSS. */
export async function extractInChild(
  options: Omit<ExtractOptions, 'onProgress'>,
): Promise<ChildOutcome> {
  const file = await bundled();
  const out = execFileSync(process.execPath, [file, JSON.stringify(options)], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out) as ChildOutcome;
}
