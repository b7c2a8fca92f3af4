import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { bytesToText, invalidUtf8Notices } from '../../src/encoding/lossless-text.js';
import { repoRoot } from '../support/shared.js';

describe('docs/config-diagnostics.md: INVALID_UTF8', () => {
  const doc = readFileSync(join(repoRoot, 'docs', 'config-diagnostics.md'), 'utf8');
  const m = /^## INVALID_UTF8 [^\n]*\n\n(notice) — [^]*?```hex\n([0-9a-f]+)\n```/m.exec(doc);

  it('is documented with an example', () => {
    expect(m).not.toBeNull();
  });

  it('the example produces it with the documented severity, and config check prints it', () => {
    const bytes = Buffer.from(m?.[2] ?? '', 'hex');
    const found = invalidUtf8Notices(bytesToText(bytes));
    expect(found.map((d) => [d.code, d.severity])).toEqual([['INVALID_UTF8', m?.[1]]]);
    const file = join(mkdtempSync(join(tmpdir(), 'pctkit-doc-')), '100.conf');
    writeFileSync(file, bytes);
    let out = '';
    expect(
      runCli(['config', 'check', file], { ...processIo, stdout: (t) => void (out += t) }),
    ).toBe(0);
    expect(out).toBe(
      `${file}:1:24: notice: not UTF-8: 1 byte (first 0xFF); Proxmox keeps such bytes in values and turns them into U+FFFD in comments\n`,
    );
  });
});
