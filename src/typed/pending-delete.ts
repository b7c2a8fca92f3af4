/**
 * The parsed `delete:` list of `[pve:pending]` (spec §5.1): keys to delete when the pending
 * changes are applied, `!key` forcing the delete.
 */
import * as t from 'io-ts/lib/index.js';

/** One pending delete: `{ key: 'memory', force: false }` (`!memory` forces it). */
export const PendingDelete = t.readonly(t.type({ key: t.string, force: t.boolean }), 'PendingDelete');
/** One pending delete (see {@link PendingDelete}). */
export type PendingDelete = t.TypeOf<typeof PendingDelete>;

const SEPARATORS_RE = /[,;]/g;
const LEADING_WS_RE = /^[\t\n\v\f\r ]+/;
const WS_RUN_RE = /[\t\n\v\f\r ]+/;

/**
 * Parses a `delete:` value as Proxmox does (`,`/`;` become spaces, split on whitespace, one leading
 * `!` marks a forced delete). Duplicates merge (the last one's force wins); sorted by key, as
 * Proxmox holds them in a hash and prints them sorted.
 */
export function parsePendingDeletes(text: string): PendingDelete[] {
  const normalised = text.replace(SEPARATORS_RE, ' ').replace(LEADING_WS_RE, '');
  const out: PendingDelete[] = [];
  const at = new Map<string, number>();
  if (normalised === '') return out;
  for (const token of normalised.split(WS_RUN_RE)) {
    if (token === '') continue;
    const force = token.startsWith('!');
    const key = force ? token.slice(1) : token;
    const i = at.get(key);
    if (i === undefined) {
      at.set(key, out.length);
      out.push({ key, force });
    } else out[i] = { key, force };
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Prints a delete list as Proxmox re-prints it: keys sorted, `!` before forced ones, `,`-joined. */
export function printPendingDeletes(deletes: readonly PendingDelete[]): string {
  return [...deletes]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((d) => (d.force ? '!' + d.key : d.key))
    .join(',');
}
