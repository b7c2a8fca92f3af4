import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/text/unified-diff.js';

/** Applies a unified diff (as produced for LF-terminated texts), checking every context line. */
function applyDiff(before: string, diff: string): string {
  const src = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  let pos = 0;
  const lines = diff.split('\n').slice(2);
  for (let i = 0; i < lines.length; i++) {
    const h = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(lines[i] as string);
    if (!h) continue;
    const start = Number(h[2]) === 0 ? Number(h[1]) : Number(h[1]) - 1;
    while (pos < start) out.push(src[pos++] as string);
    for (i++; i < lines.length && !(lines[i] as string).startsWith('@@'); i++) {
      const l = lines[i] as string;
      if (l === '') continue;
      if (l[0] === '+') out.push(l.slice(1));
      else {
        expect(src[pos]).toBe(l.slice(1));
        if (l[0] === ' ') out.push(l.slice(1));
        pos++;
      }
    }
    i--;
  }
  while (pos < src.length) out.push(src[pos++] as string);
  return out.length === 0 ? '' : out.join('\n') + '\n';
}

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\n', 'a\n', 'x', 'y')).toBe('');
  });

  it('prints what diff -u prints for a small change', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\ni\n';
    const after = 'a\nb\nc\nD\ne\nf\ng\nh\ni\nj\n';
    expect(unifiedDiff(before, after, 'x', 'y')).toBe(
      '--- x\n+++ y\n@@ -1,9 +1,10 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n h\n i\n+j\n',
    );
  });

  it('marks a missing final newline', () => {
    expect(unifiedDiff('a', 'a\n', 'x', 'y')).toBe('--- x\n+++ y\n@@ -1,1 +1,1 @@\n-a\n\\ No newline at end of file\n+a\n');
  });

  it('gives a diff that turns the old text into the new one', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 30 }).map((l) => l.map((x) => x + '\n').join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const diff = unifiedDiff(a, b, 'x', 'y');
        expect(diff === '' ? a : applyDiff(a, diff)).toBe(b);
      }),
      { numRuns: 2000 },
    );
  });
});
