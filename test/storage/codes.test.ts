/** Every storage and mount-plan code is documented and produced by a test that asserts it. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const codesOf = (file: string, union: string): string[] => {
  const source = readFileSync(join(repoRoot, file), 'utf8');
  const body = source.slice(source.indexOf(`export type ${union} =`));
  return [...body.slice(0, body.indexOf(';')).matchAll(/'([A-Z_0-9]+)'/g)].map(
    (m) => m[1] as string,
  );
};

const codes = [
  ...codesOf('src/storage/storage-diagnostics.ts', 'StorageCode'),
  ...codesOf('src/start/mount-plan.ts', 'MountCode'),
];
const testDir = join(repoRoot, 'test', 'storage');
const tests = readdirSync(testDir)
  .filter((f) => f.endsWith('.test.ts') && f !== 'codes.test.ts')
  .map((f) => readFileSync(join(testDir, f), 'utf8'))
  .join('\n');
const doc = readFileSync(join(repoRoot, 'docs', 'diagnostics.md'), 'utf8');

describe('storage and mount-plan codes', () => {
  it('are 24', () => {
    expect(codes.length).toBe(24);
  });
  it.each(codes)('%s is asserted by a test and documented', (code) => {
    expect(tests).toContain(`'${code}'`);
    expect(doc).toContain(`| \`${code}\` |`);
  });
});
