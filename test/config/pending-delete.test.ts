/**
 * The one `delete:` list parser (spec §5.1). Proxmox splits the list's bytes with Perl's `\s`,
 * which is ASCII-only: U+00A0 (bytes C2 A0) and U+2028 (E2 80 A8) are not whitespace to Perl, so
 * they stay inside a key. JavaScript's `\s` would split there.
 */
import { describe, expect, it } from 'vitest';
import { parsePendingDelete, printPendingDelete } from '../../src/config/pending-delete.js';
import { parsePendingDelete as opsParse } from '../../src/ops/pending-delete.js';
import { parsePendingDeletes, printPendingDeletes } from '../../src/typed/pending-delete.js';

const keys = (text: string): string[] => [...parsePendingDelete(text).keys()];

describe('pending delete list: one parser, Perl whitespace', () => {
  it('U+00A0 is part of a key, not a separator', () => {
    expect(keys('cores\u00a0memory')).toEqual(['cores\u00a0memory']);
    expect(keys('\u00a0cores')).toEqual(['\u00a0cores']);
    expect(printPendingDelete(parsePendingDelete('swap,cores\u00a0memory'))).toBe(
      'cores\u00a0memory,swap',
    );
  });

  it('U+2028 is part of a key, not a separator', () => {
    expect(keys('cores\u2028memory')).toEqual(['cores\u2028memory']);
    expect(keys('cores\u2028 memory')).toEqual(['cores\u2028', 'memory']);
  });

  it('ASCII whitespace (space, TAB, VT, FF, CR) separates', () => {
    expect(keys(' \tcores\vmemory\fswap\rnet0')).toEqual(['cores', 'memory', 'swap', 'net0']);
  });

  it('the ops and typed layers give the same answer as the one parser', () => {
    const text = ';!memory,cores\u00a0x swap\u2028y;!!cpu';
    expect([...opsParse(text)]).toEqual([...parsePendingDelete(text)]);
    expect(parsePendingDeletes(text)).toEqual([
      { key: '!cpu', force: true },
      { key: 'cores\u00a0x', force: false },
      { key: 'memory', force: true },
      { key: 'swap\u2028y', force: false },
    ]);
    expect(printPendingDeletes(parsePendingDeletes(text))).toBe(
      printPendingDelete(parsePendingDelete(text)),
    );
  });
});
