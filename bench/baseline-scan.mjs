// The baseline every benchmark is reported beside: a hand-written `split('\n')` line scanner that
// only splits each line at its first ':' into key and trimmed value.

/** Splits text into lines, each into `[key, value]` (or `[line]` without a colon). */
export function baselineScan(text) {
  const lines = text.split('\n');
  const out = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const c = line.indexOf(':');
    out[i] = c === -1 ? [line] : [line.slice(0, c), line.slice(c + 1).trim()];
  }
  return out;
}
