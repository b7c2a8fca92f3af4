import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/reader.js';
import { decodeConfig } from '../../src/typed/decode-config.js';
import { repoRoot } from '../support/shared.js';

const doc = readFileSync(join(repoRoot, 'docs', 'diagnostics.md'), 'utf8');
const source = readFileSync(join(repoRoot, 'src', 'config', 'diagnostic.ts'), 'utf8');
const typedSource = readFileSync(join(repoRoot, 'src', 'typed', 'diagnostics.ts'), 'utf8');
const codes = [
  ...[...source.matchAll(/\|\s*'([A-Z_0-9]+)'/g)].map((m) => m[1] as string),
  ...[...typedSource.matchAll(/TypedDiagnosticCode = DiagnosticCode((?:\s*\|\s*'[A-Z_0-9]+')+)/g)].flatMap((m) =>
    [...(m[1] as string).matchAll(/'([A-Z_0-9]+)'/g)].map((x) => x[1] as string),
  ),
];
const documented = [...doc.matchAll(/^## ([A-Z_0-9]+)\n\n(error|warning|notice) — [^]*?```conf\n([^]*?)```/gm)].map((m) => ({
  code: m[1] as string,
  severity: m[2] as string,
  example: m[3] as string,
}));

describe('docs/diagnostics.md', () => {
  it('lists every diagnostic code', () => {
    expect(codes.length).toBeGreaterThan(10);
    expect(documented.map((d) => d.code).sort()).toEqual([...codes].sort());
  });

  it.each(documented.map((d) => [d.code, d] as const))('%s: the example produces it with the documented severity', (code, d) => {
    const diagnostics = code.startsWith('API_')
      ? decodeConfig(d.example, { level: 'api' }).diagnostics
      : readConfig(d.example).diagnostics;
    const found = diagnostics.filter((x) => x.code === code);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]?.severity).toBe(d.severity);
  });
});
