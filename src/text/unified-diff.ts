/**
 * Line diffs in unified format (`diff -u`), for `config fmt --check` and plan dry runs.
 * Myers' O(ND) algorithm over lines.
 */

type Edit = { readonly op: ' ' | '-' | '+'; readonly line: string };

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += '\n\\ No newline at end of file';
  return lines;
}

function myers(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number))
          ? (v[offset + k + 1] as number)
          : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d] as Int32Array;
    const k = x - y;
    const prevK =
      k === -d || (k !== d && (vd[offset + k - 1] as number) < (vd[offset + k + 1] as number)) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK] as number;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      edits.push({ op: ' ', line: a[--x] as string });
      y--;
    }
    if (d > 0) {
      if (x === prevX) edits.push({ op: '+', line: b[--y] as string });
      else edits.push({ op: '-', line: a[--x] as string });
    }
  }
  return edits.reverse();
}

/**
 * The unified diff of two texts with `context` lines around each change, or `''` when equal.
 * `fromLabel`/`toLabel` name the two sides in the `---`/`+++` lines.
 */
export function unifiedDiff(before: string, after: string, fromLabel: string, toLabel: string, context = 3): string {
  if (before === after) return '';
  const edits = myers(splitLines(before), splitLines(after));
  let out = `--- ${fromLabel}\n+++ ${toLabel}\n`;
  let i = 0;
  while (i < edits.length) {
    while (i < edits.length && (edits[i] as Edit).op === ' ') i++;
    if (i >= edits.length) break;
    const start = Math.max(0, i - context);
    let end = i;
    // extend the hunk while changes are within 2*context of each other
    for (;;) {
      while (end < edits.length && (edits[end] as Edit).op !== ' ') end++;
      let next = end;
      while (next < edits.length && (edits[next] as Edit).op === ' ') next++;
      if (next < edits.length && next - end <= 2 * context) end = next;
      else break;
    }
    const stop = Math.min(edits.length, end + context);
    let aLine = 1;
    let bLine = 1;
    for (let j = 0; j < start; j++) {
      const op = (edits[j] as Edit).op;
      if (op !== '+') aLine++;
      if (op !== '-') bLine++;
    }
    let aCount = 0;
    let bCount = 0;
    let body = '';
    for (let j = start; j < stop; j++) {
      const e = edits[j] as Edit;
      if (e.op !== '+') aCount++;
      if (e.op !== '-') bCount++;
      body += e.op + e.line + '\n';
    }
    out += `@@ -${aCount === 0 ? aLine - 1 : aLine},${aCount} +${bCount === 0 ? bLine - 1 : bLine},${bCount} @@\n` + body;
    i = stop;
  }
  return out;
}
