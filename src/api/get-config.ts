/**
 * `GET /nodes/{node}/lxc/{vmid}/config` (spec C.1) on a config file: the `data` object for
 * `current=0` (pending values merged in, pending deletes applied to truthy values only),
 * `current=1` and `snapshot=<name>`, with the file's SHA-1 `digest`.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PctConfig } from '../config/model.js';
import { readConfig } from '../config/reader.js';
import type { Result } from '../diagnostics/result.js';
import { parsePendingDelete } from '../ops/pending-delete.js';
import { verifyConfigId } from '../schema/simple-formats.js';
import type { ApiCode } from './api-diagnostic.js';
import { keyedFailure, plainFailure } from './api-diagnostic.js';
import type { ApiConfigData, ApiOptions, ApiValue, ConfigQuery } from './api-types.js';
import { configDigest } from './digest.js';
import { isPerlTrueValue, sectionView, sortedRecord } from './section-view.js';

const BOTH = "cannot use 'snapshot' parameter with 'current'";

/** The query's own parameter check (the API's schema and the handler's first test). */
export function checkConfigQuery(query: ConfigQuery): Result<ConfigQuery, ApiCode> {
  const errors: Record<string, string> = {};
  if (query.snapshot !== undefined) {
    const id = verifyConfigId(query.snapshot);
    if (query.snapshot.length > 40) errors['snapshot'] = 'value may only be 40 characters long';
    else if (E.isLeft(id)) errors['snapshot'] = 'invalid format - ' + id.left;
  }
  if (Object.keys(errors).length === 0 && query.current === true && query.snapshot !== undefined) {
    errors['current'] = BOTH;
    errors['snapshot'] = BOTH;
  }
  if (Object.keys(errors).length > 0)
    return E.left(
      keyedFailure('API_PARAMETER_INVALID', '400', 'Parameter verification failed.', errors),
    );
  return E.right(query);
}

/**
 * The GET `data` object of an already read config; `digest` is the file's (see {@link configDigest}).
 * Keys are in sorted order (Proxmox sends them in hash order).
 */
export function configData(
  config: PctConfig,
  digest: string,
  query: ConfigQuery = {},
): Result<ApiConfigData, ApiCode> {
  const checked = checkConfigQuery(query);
  if (E.isLeft(checked)) return checked;
  if (query.snapshot !== undefined) {
    const snapshot = Object.prototype.hasOwnProperty.call(config.snapshots, query.snapshot)
      ? config.snapshots[query.snapshot]
      : undefined;
    if (snapshot === undefined)
      return E.left(
        plainFailure(
          'API_SNAPSHOT_NOT_FOUND',
          `snapshot '${query.snapshot}' does not exist\n`,
          'snapshot',
        ),
      );
    const data = sectionView(snapshot);
    data['digest'] = digest;
    return E.right(sortedRecord(data));
  }
  return E.right(sortedRecord(mergedView(config, digest, query.current === true)));
}

/**
 * The `data` object of `current=0` (pending merged) or `current=1`, in the config's own key order:
 * what {@link configData} sorts, for callers that only look keys up (`planApiUpdate`).
 */
export function mergedView(
  config: PctConfig,
  digest: string,
  current: boolean,
): Record<string, ApiValue> {
  const data = sectionView(config.main);
  if (!current) {
    const pending = sectionView(config.pending);
    // Raw `lxc` pairs of [pve:pending] are a reference in Proxmox's hash and are skipped.
    for (const key of Object.keys(pending)) if (key !== 'lxc') data[key] = pending[key] as string;
    // Proxmox deletes a pending-deleted key only when its value is true in Perl's sense.
    if (config.pending.delete !== undefined)
      for (const key of parsePendingDelete(config.pending.delete).keys()) {
        if (Object.prototype.hasOwnProperty.call(data, key) && isPerlTrueValue(data[key]))
          delete data[key];
      }
  }
  data['digest'] = digest;
  return data;
}

/**
 * `GET …/config` on a file's text: reads it as Proxmox does (never fails on content) and returns
 * the `data` object for the query, or Proxmox's error (an unknown snapshot, `current` together
 * with `snapshot`, an invalid snapshot name).
 */
export function getConfigData(
  text: string,
  query: ConfigQuery = {},
  _options: ApiOptions = {},
): Result<ApiConfigData, ApiCode> {
  return configData(readConfig(text).config, configDigest(text), query);
}
