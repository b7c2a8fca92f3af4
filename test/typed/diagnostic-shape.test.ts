/** The reader's and the typed layer's diagnostics are the library's one Diagnostic shape. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { readConfig } from '../../src/config/reader.js';
import { decodeConfig } from '../../src/typed/decode-config.js';

describe('one diagnostic shape', () => {
  it('a typed value diagnostic names its field path (net0.hwaddr)', () => {
    const text = 'net0: name=eth0,bridge=vmbr0,hwaddr=nonsense\ncores: 0\n';
    const reader: readonly Diagnostic[] = readConfig(text).diagnostics;
    expect(reader.map((d) => d.code)).toEqual(['INVALID_VALUE']);
    const typed: readonly Diagnostic[] = decodeConfig(text, { level: 'api' }).diagnostics;
    expect(typed.map((d) => [d.code, d.path, d.line])).toEqual([
      ['INVALID_VALUE', 'net0.hwaddr', 1],
      ['API_INVALID_VALUE', 'cores', 2],
    ]);
  });
});
