/** `dev0`…`dev255`: a device passed through, as a typed value, and its text codec. */
import * as t from 'io-ts/lib/index.js';
import { deviceFormat } from '../schema/formats/device.js';
import { booleanKind, integerKind, stringKind } from './field-kinds.js';
import { compileSpec } from './property-object.js';
import { objectCodec } from './object-codec.js';

/**
 * A device passed into the container, e.g. `{ path: '/dev/dri/renderD128', gid: 104, mode: '0660' }`.
 * `denyWrite` ↔ `deny-write`. `path` is optional in the schema (the file reader accepts a `devN`
 * without it); the API level requires it, as `parse_device` does. `raw`: the text as found when it
 * is not the canonical print.
 */
export const DevicePassthrough = t.readonly(
  t.partial({
    path: t.string,
    mode: t.string,
    uid: t.number,
    gid: t.number,
    denyWrite: t.boolean,
    raw: t.string,
  }),
  'DevicePassthrough',
);
/** A device passed through (see {@link DevicePassthrough}). */
export type DevicePassthrough = t.TypeOf<typeof DevicePassthrough>;

/** The `dev` format with its typed fields. */
export const deviceSpec = compileSpec({
  name: 'dev',
  format: deviceFormat,
  fields: [
    { key: 'path', name: 'path', kind: stringKind },
    { key: 'mode', name: 'mode', kind: stringKind },
    { key: 'uid', name: 'uid', kind: integerKind },
    { key: 'gid', name: 'gid', kind: integerKind },
    { key: 'deny-write', name: 'denyWrite', kind: booleanKind },
  ],
});

/** Text codec of `devN`. */
export const deviceCodec = objectCodec<DevicePassthrough>('DevicePassthroughText', deviceSpec, DevicePassthrough);
