/**
 * Edits of the pending-delete list of `[pve:pending]` (AbstractConfig's `add_to_pending_delete`, `remove_from_pending_delete` and
 * `cleanup_pending`, spec §5.1). The `delete:` value is stored raw; it is only re-printed (sorted,
 * comma-joined, `!` for a forced delete) when it is modified.
 */
import type { ConfigSection, PctConfig } from '../config/model.js';
import { parsePendingDelete, printPendingDelete } from '../config/pending-delete.js';
import { valueText } from '../config/writer.js';
import { sectionDelete, sectionGet, sectionHas, sectionKeys } from './section-values.js';

export {
  parsePendingDelete,
  printPendingDelete,
  type PendingDeletes,
} from '../config/pending-delete.js';

/** `add_to_pending_delete` on the list text: parse, set `key` (with `force`), print back (normalising). */
export function addPendingDelete(text: string | undefined, key: string, force = false): string {
  const deletes = new Map(parsePendingDelete(text));
  deletes.set(key, { force });
  return printPendingDelete(deletes);
}

/**
 * `remove_from_pending_delete` on the list text: parse, drop `key`, print; `undefined` when the list
 * is then empty (the `delete` key is removed).
 */
export function removePendingDelete(text: string | undefined, key: string): string | undefined {
  const deletes = new Map(parsePendingDelete(text));
  deletes.delete(key);
  return deletes.size === 0 ? undefined : printPendingDelete(deletes);
}

/** The pending section with `delete` set to `text` (removed when `undefined`). */
export function withPendingDelete(pending: ConfigSection, text: string | undefined): ConfigSection {
  const { delete: _old, ...rest } = pending;
  return text === undefined ? rest : { ...rest, delete: text };
}

/**
 * `cleanup_pending`: (a) drops pending values string-equal to a defined current value, (b) drops
 * pending deletes of keys the current config does not set; when (b) removed something, `delete` is
 * re-printed (or removed when empty), otherwise its raw text stays. Returns the same object when
 * there is nothing to clean up.
 */
export function cleanupPending(config: PctConfig): PctConfig {
  let pending = config.pending;
  for (const key of sectionKeys(config.pending)) {
    const cur = sectionGet(config.main, key);
    const value = sectionGet(config.pending, key);
    if (cur !== undefined && value !== undefined && valueText(cur) === valueText(value)) {
      pending = sectionDelete(pending, key);
    }
  }
  if (pending.delete !== undefined) {
    let text: string | undefined = pending.delete;
    for (const key of parsePendingDelete(pending.delete).keys()) {
      if (!sectionHas(config.main, key)) text = removePendingDelete(text, key);
    }
    if (text !== pending.delete) pending = withPendingDelete(pending, text);
  }
  return pending === config.pending ? config : { ...config, pending };
}
