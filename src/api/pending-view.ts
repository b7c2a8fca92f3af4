/**
 * `GET /nodes/{node}/lxc/{vmid}/pending` (spec C.1): one item per key of the current config, of
 * `[pve:pending]` and of its delete list, with the API's JSON types. Proxmox returns them in hash
 * order; here they are sorted by key.
 */
import type { PctConfig } from '../config/model.js';
import { readConfig } from '../config/reader.js';
import type { Result } from '../diagnostics/result.js';
import { ok } from '../diagnostics/result.js';
import { parsePendingDelete } from '../ops/pending-delete.js';
import type { ApiCode } from './api-diagnostic.js';
import type { ApiOptions, ApiValue } from './api-types.js';
import { configDigest } from './digest.js';
import { sectionView } from './section-view.js';

/** One item of `GET …/pending`. */
export interface PendingItem {
  readonly key: string;
  /** The current value. */
  readonly value?: ApiValue;
  /** The pending value (`lxc`: the raw pairs of `[pve:pending]`). */
  readonly pending?: ApiValue;
  /** 1: a delete is pending; 2: a forced delete, or a delete of a key set nowhere. */
  readonly delete?: 1 | 2;
}

const byKey = (a: PendingItem, b: PendingItem): number =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/** The pending items of an already read config with the file's digest. */
export function pendingItems(config: PctConfig, digest: string): readonly PendingItem[] {
  const current = sectionView(config.main);
  delete current['lxc']; // a reference: not listed as a current value
  current['digest'] = digest;
  const pending = sectionView(config.pending);
  const deletes = parsePendingDelete(config.pending.delete);
  const items: PendingItem[] = [];
  const has = (record: Record<string, ApiValue>, key: string): boolean =>
    Object.prototype.hasOwnProperty.call(record, key);
  for (const key of Object.keys(current)) {
    const del = deletes.get(key);
    items.push({
      key,
      value: current[key] as ApiValue,
      ...(has(pending, key) ? { pending: pending[key] as ApiValue } : {}),
      ...(del !== undefined ? { delete: del.force ? 2 : 1 } : {}),
    });
  }
  for (const key of Object.keys(pending)) {
    if (has(current, key)) continue;
    const del = deletes.get(key);
    items.push({
      key,
      pending: pending[key] as ApiValue,
      ...(del !== undefined ? { delete: del.force ? 2 : 1 } : {}),
    });
  }
  // Proxmox tests the delete hash's entry (a reference, always true) here, so these are always 2.
  for (const key of deletes.keys())
    if (!has(current, key) && !has(pending, key)) items.push({ key, delete: 2 });
  return items.sort(byKey);
}

/** `GET …/pending` on a file's text. Never fails (the file is read as Proxmox reads it). */
export function getPendingData(
  text: string,
  _options: ApiOptions = {},
): Result<readonly PendingItem[], ApiCode> {
  return ok(pendingItems(readConfig(text).config, configDigest(text)));
}
