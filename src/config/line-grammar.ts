/**
 * Proxmox's line rules (spec §1.2) as parsimmon combinators. The document parser uses the faster
 * hand-written classifier; this grammar is the readable statement of the same rules, used to
 * describe what was expected when a line matches no rule (`.desc()` names), and the tests check
 * that it and the classifier agree on every line they see.
 */
import P from 'parsimmon';
import type { LineContent } from './line-classifier.js';

const ws = P.regexp(/[ \t\n\r\f\v]*/);
const rest = P.regexp(/[^]*/);
const end = ws.skip(P.eof);

const blank = end.map((): LineContent => ({ kind: 'blank' })).desc('a blank line');

const pendingHeader = P.regexp(/\[pve:pending\]/i)
  .skip(end)
  .map((): LineContent => ({ kind: 'section', name: 'pve:pending', pending: true }))
  .desc('[pve:pending]');

const snapshotHeader = P.seqMap(
  P.string('['),
  P.regexp(/[a-z][a-z0-9_-]+/i).desc('a snapshot name (a letter, then letters, digits, _ or -)'),
  P.string(']').desc("']'"),
  end,
  (_o, name): LineContent => ({ kind: 'section', name, pending: false }),
);

const comment = P.string('#')
  .then(rest)
  .map((text): LineContent => ({ kind: 'comment', text }))
  .desc('a # comment');

/** A value: up to the trailing whitespace of the line; `min` is 0 or 1 characters. */
const valueAt = (min: 0 | 1, what: string): P.Parser<{ value: string; column: number }> =>
  P.seqMap(P.index, P.regexp(min === 0 ? /[^]*?(?=[ \t\n\r\f\v]*$)/ : /[^]+?(?=[ \t\n\r\f\v]*$)/).desc(what), (i, value) => ({
    value,
    column: i.offset + 1,
  }));

const lxc = P.seqMap(
  P.regexp(/lxc\.[a-z0-9_.-]+/).desc('an lxc.* key'),
  P.alt(P.string(':'), P.regexp(/[ \t\n\r\f\v]*=/)).desc("':' or '='"),
  ws,
  valueAt(0, 'a value'),
  end,
  (key, sep, _w, v): LineContent => ({ kind: 'lxc', key, separator: sep === ':' ? ':' : '=', value: v.value, valueColumn: v.column }),
);

const description = P.seqMap(
  P.string('description:'),
  ws,
  P.index,
  P.regexp(/[^]*[^ \t\n\r\f\v]/),
  end,
  (_k, _w, i, value): LineContent => ({ kind: 'description', value, valueColumn: i.offset + 1 }),
);

const snapstate = P.seqMap(
  P.regexp(/[^]*?snapstate:[ \t\n\r\f\v]*(?=(?:prepare|delete)[ \t\n\r\f\v]*$)/),
  P.index,
  P.regexp(/prepare|delete/),
  end,
  (_p, i, value): LineContent => ({ kind: 'snapstate', value: value as 'prepare' | 'delete', valueColumn: i.offset + 1 }),
);

const deleteLine = P.seqMap(
  P.string('delete:'),
  ws,
  P.index,
  P.regexp(/[^]*[^ \t\n\r\f\v]/),
  end,
  (_k, _w, i, value): LineContent => ({ kind: 'delete', value, valueColumn: i.offset + 1 }),
);

const property = P.seqMap(
  P.regexp(/[a-z][a-z_]*\d*/).desc('a key (lower-case letters and _, then digits)'),
  P.string(':').desc("':' directly after the key"),
  P.regexp(/[ \t\n\r\f\v]*(?=[^]+$)/),
  valueAt(1, 'a non-empty value'),
  end,
  (key, _c, _w, v): LineContent => ({ kind: 'property', key, value: v.value, valueColumn: v.column }),
);

/** One line by Proxmox's rules; the alternatives are tried in Proxmox's order. */
export const lineGrammar: P.Parser<LineContent> = P.alt(
  blank,
  pendingHeader,
  snapshotHeader,
  comment,
  lxc,
  description,
  snapstate,
  deleteLine,
  property,
);

/** Why a line matches no rule: the column and what was expected there. */
export interface LineExpectation {
  readonly column: number;
  readonly expected: readonly string[];
}

/** Describes where and why a line fails every rule (undefined when it parses). */
export function explainInvalidLine(raw: string): LineExpectation | undefined {
  // Proxmox allows nothing before a key, `#` or `[`: say so rather than where `\s*$` gave up.
  if (/^[ \t\r\f\v]+[^ \t\r\f\v]/.test(raw)) {
    return { column: 1, expected: ['a line without leading whitespace'] };
  }
  const result = lineGrammar.parse(raw);
  if (result.status) return undefined;
  return { column: result.index.offset + 1, expected: [...new Set(result.expected)].sort() };
}

/** Parses one line with the grammar (the reference for the fast classifier). */
export function parseLineWithGrammar(raw: string): LineContent {
  const result = lineGrammar.parse(raw);
  return result.status ? result.value : { kind: 'invalid' };
}
