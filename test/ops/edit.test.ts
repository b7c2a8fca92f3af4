/**
 * Format-preserving edits: for every corpus config, setting `memory`, deleting `swap` and appending
 * an `lxc.mount.entry` change only the lines that must change (a line diff), and the result reads
 * back to the intended config. Plus CRLF, missing final newline, snapshot headers and overlaps.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { ConfigValue, PctConfig } from '../../src/config/model.js';
import { readConfig } from '../../src/config/reader.js';
import {
  appendLxcLine,
  applyEdits,
  deleteKey,
  rewritePreservingFormat,
  setKey,
} from '../../src/ops/edit.js';
import type { Edit } from '../../src/ops/edit.js';
import type { Result } from '../../src/diagnostics/result.js';
import { corpusConfigs } from '../support/config-files.js';

/** Lines removed from `a` and added in `b`, by a longest-common-subsequence diff. */
function lineDiff(
  a: string,
  b: string,
): { removed: string[]; added: Array<{ index: number; line: string }> } {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] =
        x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const removed: string[] = [];
  const added: Array<{ index: number; line: string }> = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      added.push({ index: j, line: y[j]! });
      j++;
    } else {
      removed.push(x[i]!);
      i++;
    }
  }
  return { removed, added };
}

function apply(text: string, edits: Result<Edit[]>): string {
  if (E.isLeft(edits)) throw new Error(edits.left[0].message);
  const out = applyEdits(text, edits.right);
  if (E.isLeft(out)) throw new Error(out.left[0].message);
  return out.right;
}

/** Index of the first section header line (the end of the main section). */
function mainEnd(text: string): number {
  const idx = text.split('\n').findIndex((l) => /^\[[^\]]+\]\s*$/.test(l));
  return idx === -1 ? Number.POSITIVE_INFINITY : idx;
}

function withMainValue(config: PctConfig, key: string, value: ConfigValue | undefined): PctConfig {
  const values = { ...config.main.values };
  if (value === undefined) delete values[key];
  else values[key] = value;
  return { ...config, main: { ...config.main, values } };
}

/** Lines of the main section that set `key`. */
function mainKeyLines(text: string, key: string): string[] {
  return text
    .split('\n')
    .slice(0, mainEnd(text))
    .filter((l) => l.startsWith(`${key}:`));
}

const MOUNT = '/srv/share srv/share none bind,create=dir 0 0';
const corpus = corpusConfigs();

describe('format-preserving edits on every corpus config', () => {
  it('has the corpus', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(78);
  });

  describe.each(corpus.map((c) => [c.label, c.text] as const))('%s', (_label, text) => {
    const before = readConfig(text).config;

    it('set memory: one line changes (or one is added in main), reads back', () => {
      const out = apply(text, setKey(text, '', 'memory', '3072'));
      const diff = lineDiff(text, out);
      const existing = mainKeyLines(text, 'memory');
      if (existing.length > 0) expect(diff.removed).toEqual([existing[existing.length - 1]]);
      else expect(diff.removed).toEqual([]);
      expect(diff.added.map((a) => a.line.replace(/\r$/, ''))).toEqual(['memory: 3072']);
      expect(diff.added[0]!.index).toBeLessThan(mainEnd(out));
      expect(readConfig(out).config).toEqual(withMainValue(before, 'memory', 3072));
    });

    it('delete swap: only the swap lines of main go, reads back', () => {
      const out = apply(text, deleteKey(text, '', 'swap'));
      const diff = lineDiff(text, out);
      expect(diff.removed).toEqual(mainKeyLines(text, 'swap'));
      expect(diff.added).toEqual([]);
      expect(readConfig(out).config).toEqual(withMainValue(before, 'swap', undefined));
    });

    it('append lxc.mount.entry: one line added, in the main section, reads back', () => {
      const out = apply(text, appendLxcLine(text, 'lxc.mount.entry', MOUNT));
      const diff = lineDiff(text, out);
      expect(diff.removed).toEqual([]);
      expect(diff.added.map((a) => a.line)).toEqual([`lxc.mount.entry: ${MOUNT}`]);
      expect(diff.added[0]!.index).toBeLessThan(mainEnd(out));
      const expected: PctConfig = {
        ...before,
        main: { ...before.main, lxc: [...before.main.lxc, ['lxc.mount.entry', MOUNT]] },
      };
      expect(readConfig(out).config).toEqual(expected);
    });
  });
});

describe('edits on hand-edited files', () => {
  const HAND =
    '# my container\r\nhostname: web\r\n\r\n# limits\r\nmemory: 512\r\nlxc.cap.drop: sys_time\r\n\r\n[snap1]\r\nmemory: 256\r\n';

  it('keeps CRLF, comments and blank lines; new keys follow the last key line', () => {
    const set = apply(HAND, setKey(HAND, '', 'memory', '1024'));
    expect(set).toBe(HAND.replace('memory: 512', 'memory: 1024'));
    const added = apply(HAND, setKey(HAND, '', 'swap', '0'));
    expect(added).toBe(HAND.replace('memory: 512\r\n', 'memory: 512\r\nswap: 0\r\n'));
    const lxc = apply(HAND, appendLxcLine(HAND, 'lxc.mount.entry', MOUNT));
    expect(lxc).toBe(HAND.replace('sys_time\r\n', `sys_time\r\nlxc.mount.entry: ${MOUNT}\r\n`));
  });

  it('never appends after a snapshot header, even when main has no key lines', () => {
    const text = '#only a comment\n\n[snap]\nmemory: 1\n';
    expect(apply(text, appendLxcLine(text, 'lxc.apparmor.profile', 'unconfined'))).toBe(
      '#only a comment\nlxc.apparmor.profile: unconfined\n\n[snap]\nmemory: 1\n',
    );
    const headerFirst = '[snap]\nmemory: 1\n';
    expect(
      apply(headerFirst, appendLxcLine(headerFirst, 'lxc.apparmor.profile', 'unconfined')),
    ).toBe('lxc.apparmor.profile: unconfined\n[snap]\nmemory: 1\n');
  });

  it('handles a last line without final newline', () => {
    const text = 'hostname: a\nswap: 1';
    expect(apply(text, setKey(text, '', 'memory', '64'))).toBe('hostname: a\nmemory: 64\nswap: 1');
    expect(apply(text, setKey(text, '', 'tags', 'x'))).toBe('hostname: a\nswap: 1\ntags: x');
    expect(apply(text, deleteKey(text, '', 'swap'))).toBe('hostname: a');
    expect(apply(text, setKey(text, '', 'swap', '2'))).toBe('hostname: a\nswap: 2');
  });

  it('edits the section that counts: the last of repeated headers; only the last duplicate key', () => {
    const text = 'memory: 1\nmemory: 2\n\n[sn]\ncores: 1\n\n[sn]\ncores: 2\n';
    expect(apply(text, setKey(text, '', 'memory', '32'))).toBe(
      'memory: 1\nmemory: 32\n\n[sn]\ncores: 1\n\n[sn]\ncores: 2\n',
    );
    expect(apply(text, setKey(text, 'sn', 'cores', '9'))).toBe(
      'memory: 1\nmemory: 2\n\n[sn]\ncores: 1\n\n[sn]\ncores: 9\n',
    );
    expect(apply(text, deleteKey(text, '', 'memory'))).toBe('\n[sn]\ncores: 1\n\n[sn]\ncores: 2\n');
  });

  it('creates [pve:pending] before the first snapshot, or at the end', () => {
    const text = 'memory: 1\n\n[sn]\ncores: 1\n';
    expect(apply(text, setKey(text, 'pve:pending', 'memory', '2048'))).toBe(
      'memory: 1\n\n[pve:pending]\nmemory: 2048\n\n[sn]\ncores: 1\n',
    );
    expect(apply('memory: 1\n', setKey('memory: 1\n', 'pve:pending', 'delete', 'swap'))).toBe(
      'memory: 1\n\n[pve:pending]\ndelete: swap\n',
    );
  });

  it('refuses what would not read back', () => {
    expect(E.isLeft(setKey('', '', 'memory', ' 5'))).toBe(true);
    expect(E.isLeft(setKey('', '', 'hostname', 'x\ny'))).toBe(true);
    expect(E.isLeft(setKey('', '', 'hostname', 'a snapstate: prepare'))).toBe(true);
    expect(E.isLeft(setKey('', '', 'Memory', '5'))).toBe(true);
    expect(E.isLeft(setKey('', '', 'description', 'x'))).toBe(true);
    expect(E.isLeft(setKey('', '', 'delete', 'x'))).toBe(true);
    expect(setKey('memory: 1\n', 'nope', 'memory', '512')).toEqual(
      E.left([{ code: 'EDIT_SECTION_NOT_FOUND', severity: 'error', message: 'no section [nope]' }]),
    );
    expect(E.isLeft(appendLxcLine('', 'lxc.rootfs.path', '/x'))).toBe(true);
    expect(E.isLeft(appendLxcLine('', 'lxc.bogus', '1'))).toBe(true);
  });

  it('applyEdits works back to front and refuses overlaps', () => {
    expect(
      applyEdits('abcdef', [
        { offset: 0, length: 1, content: 'X' },
        { offset: 4, length: 2, content: 'YZ!' },
      ]),
    ).toEqual(E.right('XbcdYZ!'));
    expect(
      applyEdits('abc', [
        { offset: 1, length: 0, content: '1' },
        { offset: 1, length: 0, content: '2' },
      ]),
    ).toEqual(E.right('a12bc'));
    expect(
      applyEdits('abc', [
        { offset: 1, length: 1, content: '' },
        { offset: 1, length: 0, content: '+' },
      ]),
    ).toEqual(E.right('a+c'));
    expect(
      E.isLeft(
        applyEdits('abcdef', [
          { offset: 0, length: 3, content: '' },
          { offset: 2, length: 1, content: '' },
        ]),
      ),
    ).toBe(true);
    expect(E.isLeft(applyEdits('abc', [{ offset: 2, length: 5, content: '' }]))).toBe(true);
  });

  it('rewritePreservingFormat changes only the differing lines, and refuses description changes', () => {
    const text = '# keep me\nmemory: 512\nswap: 512\nlxc.cap.drop: x\n';
    const { config } = readConfig(text);
    const target: PctConfig = {
      ...config,
      main: { ...config.main, values: { memory: 1024, cores: 2 } },
      pending: { ...config.pending, values: { hostname: 'b' }, delete: 'onboot' },
    };
    const out = rewritePreservingFormat(text, target);
    expect(out).toEqual(
      E.right(
        '# keep me\ncores: 2\nmemory: 1024\nlxc.cap.drop: x\n\n[pve:pending]\ndelete: onboot\nhostname: b\n',
      ),
    );
    if (E.isRight(out)) expect(readConfig(out.right).config).toEqual(target);
    const described = { ...config, main: { ...config.main, description: 'new\n' } };
    expect(E.isLeft(rewritePreservingFormat(text, described))).toBe(true);
  });
});
