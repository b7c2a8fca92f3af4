/**
 * The parsed `delete:` list of `[pve:pending]` (spec §5.1): keys to delete when the pending
 * changes are applied, `!key` forcing the delete.
 */
import * as t from 'io-ts/lib/index.js';
import { parsePendingDelete, printPendingDelete } from '../config/pending-delete.js';
import { compareBytewise } from '../perl/index.js';

/** One pending delete: `{ key: 'memory', force: false }` (`!memory` forces it). */
export const PendingDelete = t.readonly(
  t.type({ key: t.string, force: t.boolean }),
  'PendingDelete',
);
/** One pending delete (see {@link PendingDelete}). */
export type PendingDelete = t.TypeOf<typeof PendingDelete>;

/**
 * Parses a `delete:` value as Proxmox does (the one parser, src/config/pending-delete.ts), as a
 * list sorted by key, as Proxmox holds them in a hash and prints them sorted.
 */
export function parsePendingDeletes(text: string): PendingDelete[] {
  return [...parsePendingDelete(text)]
    .sort(([a], [b]) => compareBytewise(a, b))
    .map(([key, { force }]) => ({ key, force }));
}

/** Prints a delete list as Proxmox re-prints it: keys sorted, `!` before forced ones, `,`-joined. */
export function printPendingDeletes(deletes: readonly PendingDelete[]): string {
  return printPendingDelete(new Map(deletes.map((d) => [d.key, { force: d.force }])));
}
