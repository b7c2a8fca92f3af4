/**
 * The `delete:` list of `[pve:pending]` (AbstractConfig's `parse_pending_delete` and
 * `print_pending_delete`, spec §5.1): the one parser every layer uses. Proxmox splits the file's
 * bytes with Perl's `\s`, so only ASCII whitespace separates keys: U+00A0 or U+2028 stay part of a
 * key.
 */
import { compareBytewise, perlSplit, perlTrimStart, PERL_SPACE_RUN_RE } from '../perl/index.js';

/** A parsed pending-delete list: key → whether the delete is forced (`!key`). */
export type PendingDeletes = ReadonlyMap<string, { readonly force: boolean }>;

/**
 * Parses a `delete:` value: `,` and `;` become spaces, leading whitespace is stripped, the rest is
 * split on whitespace; a leading `!` marks a forced delete (only one is stripped: `!!memory` is key
 * `!memory`, forced). Duplicates merge (the last one's force wins); the map keeps first-seen order.
 */
export function parsePendingDelete(text: string | undefined): PendingDeletes {
  const out = new Map<string, { force: boolean }>();
  if (text === undefined) return out;
  for (const token of perlSplit(perlTrimStart(text.replace(/[,;]/g, ' ')), PERL_SPACE_RUN_RE)) {
    if (token === '') continue;
    const force = token.startsWith('!');
    out.set(force ? token.slice(1) : token, { force });
  }
  return out;
}

/** Prints a pending-delete list: keys in Perl `sort` order, `!` before forced ones, joined by `,`. */
export function printPendingDelete(deletes: PendingDeletes): string {
  return [...deletes.keys()]
    .sort(compareBytewise)
    .map((key) => (deletes.get(key)?.force === true ? '!' + key : key))
    .join(',');
}
