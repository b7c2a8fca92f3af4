/**
 * Each purity check of the core fails when a Node built-in, `process` or `Math.random` is injected
 * into core code, and passes on clean core code.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBrowserBundle, checkCoreLint, checkCoreTypes, repoRoot } from '../scripts/purity.mjs';

const injections = {
  clean: `export const answer = (n: number): number => n * 2;\n`,
  'a Node built-in': `import { readFileSync } from 'node:fs';\nexport const read = (p: string): string => readFileSync(p, 'utf8');\n`,
  process: `export const home = (): string | undefined => process.env['HOME'];\n`,
  'Math.random': `export const roll = (): number => Math.random();\n`,
};

function probe(code: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pctkit-purity-'));
  const file = join(dir, 'probe.mts');
  writeFileSync(file, `import '${join(repoRoot, 'src/index.js')}';\n${code}`);
  return file;
}

describe('purity checks', () => {
  it('core typecheck (types: []) rejects Node built-ins and process, accepts clean code', () => {
    expect(checkCoreTypes([probe(injections.clean)])).toEqual([]);
    expect(checkCoreTypes([probe(injections['a Node built-in'])]).join()).toMatch(
      /Cannot find (module|name) 'node:fs'/,
    );
    expect(checkCoreTypes([probe(injections.process)]).join()).toMatch(
      /Cannot find name 'process'/,
    );
  }, 120_000);

  it('core lint rejects all three, accepts clean code', async () => {
    expect(await checkCoreLint(injections.clean)).toEqual([]);
    expect((await checkCoreLint(injections['a Node built-in'])).join()).toMatch(
      /no-restricted-imports/,
    );
    expect((await checkCoreLint(injections.process)).join()).toMatch(/no-restricted-globals/);
    expect((await checkCoreLint(injections['Math.random'])).join()).toMatch(
      /no-restricted-properties/,
    );
    // the same code is fine where the outside world is allowed
    expect(await checkCoreLint(injections['a Node built-in'], 'src/effects/probe.ts')).toEqual([]);
  }, 60_000);

  it('core lint rejects a planted copy of a Perl primitive and JavaScript \\s, accepts the import', async () => {
    const copy = `export function isPerlTrue(v: string | undefined): boolean {\n  return v !== undefined && v !== '' && v !== '0';\n}\n`;
    const arrowCopy = `export const perlTrue = (v: string): boolean => v !== '' && v !== '0';\n`;
    const jsSpace = `export const words = (s: string): string[] => s.split(/\\s+/);\n`;
    const jsSpaceCtor = `export const WORDS = new RegExp(\`^\\\\s*\${'x'}\`);\n`;
    const viaPerl = `import { isPerlTrue, PERL_SPACE } from '../perl/index.js';\nexport const t = (s: string): boolean => isPerlTrue(s) && new RegExp(PERL_SPACE).test(s);\n`;
    for (const code of [copy, arrowCopy, jsSpace, jsSpaceCtor]) {
      expect((await checkCoreLint(code)).join()).toMatch(
        /no-restricted-syntax: (Perl primitives have one home|JavaScript \\s is Unicode-aware)/,
      );
    }
    expect(await checkCoreLint(viaPerl)).toEqual([]);
    // a copy is refused outside the pure core too; src/perl/ is its one home
    expect((await checkCoreLint(copy, 'src/cli/probe.ts')).join()).toMatch(/one home/);
    expect(await checkCoreLint(copy, 'src/perl/probe.ts')).toEqual([]);
  }, 60_000);

  it('browser bundle of the core rejects all three, accepts clean code', async () => {
    expect(await checkBrowserBundle(probe(injections.clean))).toEqual([]);
    expect((await checkBrowserBundle(probe(injections['a Node built-in']))).join()).toMatch(
      /node:fs/,
    );
    expect((await checkBrowserBundle(probe(injections.process))).join()).toMatch(/process\.env/);
    expect((await checkBrowserBundle(probe(injections['Math.random']))).join()).toMatch(
      /Math\.random/,
    );
  }, 60_000);
});
