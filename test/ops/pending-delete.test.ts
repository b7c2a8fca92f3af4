/** The pending-delete helpers (spec §5.1) with the abstract-config test cases of spec §6.3. */
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/reader.js';
import {
  addPendingDelete,
  cleanupPending,
  parsePendingDelete,
  printPendingDelete,
  removePendingDelete,
} from '../../src/ops/pending-delete.js';

const asObject = (text: string): Record<string, boolean> => Object.fromEntries([...parsePendingDelete(text)].map(([k, v]) => [k, v.force]));

describe('parsePendingDelete (abstract-config-tests.pl)', () => {
  it.each([
    ['memory;cpu,!mp0', { cpu: false, memory: false, mp0: true }],
    ['  memory ; cpu, !mp0, !mp1', { cpu: false, memory: false, mp0: true, mp1: true }],
    ['!!memory', { '!memory': true }],
    [' mem ory', { mem: false, ory: false }],
    ['', {}],
    ['swap,swap;!swap', { swap: true }],
  ])('%j', (text, expected) => {
    expect(asObject(text)).toEqual(expected);
  });
});

describe('printPendingDelete', () => {
  it('sorts keys and prefixes forced ones with !', () => {
    expect(printPendingDelete(parsePendingDelete('memory;cpu'))).toBe('cpu,memory');
    expect(printPendingDelete(parsePendingDelete('!!memory'))).toBe('!!memory');
    expect(printPendingDelete(parsePendingDelete('net2 net10 !cpu'))).toBe('!cpu,net10,net2');
  });
});

describe('add / remove', () => {
  it('add memory with force to cpu gives cpu,!memory; add cpu forced to cpu gives !cpu', () => {
    expect(addPendingDelete('cpu', 'memory', true)).toBe('cpu,!memory');
    expect(addPendingDelete('cpu', 'cpu', true)).toBe('!cpu');
    expect(addPendingDelete(undefined, 'swap')).toBe('swap');
  });

  it('add normalises the whole list', () => {
    expect(addPendingDelete('swap;cores', 'cpulimit')).toBe('cores,cpulimit,swap');
  });

  it('remove from cpu,!memory gives cpu; removing the last key removes the list', () => {
    expect(removePendingDelete('cpu,!memory', 'memory')).toBe('cpu');
    expect(removePendingDelete('cpu', 'cpu')).toBeUndefined();
  });
});

describe('cleanupPending', () => {
  it('drops a pending delete of an unset key and a pending value equal to the current one', () => {
    const { config } = readConfig('memory: 512\ncores: 2\n\n[pve:pending]\nmemory: 512\ncores: 4\ndelete: swap,cores\n');
    const cleaned = cleanupPending(config);
    expect(cleaned.pending.values).toEqual({ cores: 4 });
    expect(cleaned.pending.delete).toBe('cores');
  });

  it('keeps the raw delete text when nothing is dropped, and removes an emptied list', () => {
    const { config } = readConfig('swap: 1\ncores: 2\n\n[pve:pending]\ndelete: swap;cores\n');
    expect(cleanupPending(config)).toBe(config);
    const { config: other } = readConfig('cores: 2\n\n[pve:pending]\ndelete: swap\n');
    expect(cleanupPending(other).pending.delete).toBeUndefined();
  });

  it('compares description and env like plain keys', () => {
    const { config } = readConfig('#hello\nmemory: 1\n\n[pve:pending]\n#hello\n');
    expect(cleanupPending(config).pending.description).toBeUndefined();
  });
});
