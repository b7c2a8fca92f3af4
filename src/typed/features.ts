/** `features`: advanced container features as a typed value, and its text codec. */
import * as t from 'io-ts/lib/index.js';
import { featuresFormat } from '../schema/formats/features.js';
import { booleanKind, stringListKind } from './field-kinds.js';
import { compileSpec } from './property-object.js';
import { objectCodec } from './object-codec.js';

/**
 * Advanced features, e.g. `{ nesting: true, keyctl: true, mount: ['nfs', 'cifs'] }`.
 * `forceRwSys` ↔ `force_rw_sys`; `mount` is the `;`-separated file system list. `raw`: the text as
 * found when it is not the canonical print.
 */
export const Features = t.readonly(
  t.partial({
    mount: stringListKind.shape,
    nesting: t.boolean,
    keyctl: t.boolean,
    fuse: t.boolean,
    mknod: t.boolean,
    forceRwSys: t.boolean,
    raw: t.string,
  }),
  'Features',
);
/** Advanced features (see {@link Features}). */
export type Features = t.TypeOf<typeof Features>;

/** The `features` format with its typed fields. */
export const featuresSpec = compileSpec({
  name: 'features',
  format: featuresFormat,
  fields: [
    { key: 'mount', name: 'mount', kind: stringListKind },
    { key: 'nesting', name: 'nesting', kind: booleanKind },
    { key: 'keyctl', name: 'keyctl', kind: booleanKind },
    { key: 'fuse', name: 'fuse', kind: booleanKind },
    { key: 'mknod', name: 'mknod', kind: booleanKind },
    { key: 'force_rw_sys', name: 'forceRwSys', kind: booleanKind },
  ],
});

/** Text codec of `features`. */
export const featuresCodec = objectCodec<Features>('FeaturesText', featuresSpec, Features);
