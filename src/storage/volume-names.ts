/**
 * The public face of the volume-id and volume-name parsers (`pctkit/storage`): `parseVolumeId` and
 * `parseVolname`, returning the library's one result shape, `Result<A, StorageCode>`, with
 * Proxmox's text in `proxmoxText` (`unable to parse volume ID '…'`, `unable to parse … volume
 * name '…'`). The parsers behind them (volume-id.ts) keep returning Proxmox's text, which
 * {@link volumePath} and the storage hosts build their own diagnostics from.
 */
import * as E from 'fp-ts/lib/Either.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import { proxmoxDiagnostic } from './storage-diagnostics.js';
import type { StorageCode } from './storage-diagnostics.js';
import * as ids from './volume-id.js';
import type { Parsed, VolumeId, Volname } from './volume-id.js';
import { volnameParserOf } from './volume-path.js';

function result<A>(parsed: Parsed<A>, code: StorageCode, path: string): Result<A, StorageCode> {
  return 'ok' in parsed
    ? E.right(parsed.ok)
    : E.left([proxmoxDiagnostic('error', code, parsed.error, { path })]);
}

/**
 * `parse_volume_id`: `local-lvm:vm-100-disk-0` → `{ storeId, volname }`, or a `VOLUME_ID_INVALID`
 * diagnostic (path: the volume id).
 */
export function parseVolumeId(volid: string): Result<VolumeId, StorageCode> {
  return result(ids.parseVolumeId(volid), 'VOLUME_ID_INVALID', volid);
}

/**
 * A storage type's `parse_volname` (dir, nfs, cifs, cephfs, btrfs, lvm, lvmthin, zfspool, rbd):
 * what the volume name says, or a `VOLUME_NAME_INVALID` diagnostic with Proxmox's text; a type
 * pctkit does not model gives `STORAGE_TYPE_UNSUPPORTED`.
 */
export function parseVolname(type: string, volname: string): Result<Volname, StorageCode> {
  const parse = volnameParserOf(type);
  if (parse === undefined) {
    return E.left([
      diagnostic(
        'error',
        'STORAGE_TYPE_UNSUPPORTED',
        `volume names on storage type '${type}' are not modelled by pctkit`,
        { path: volname },
      ),
    ]);
  }
  return result(parse(volname), 'VOLUME_NAME_INVALID', volname);
}
