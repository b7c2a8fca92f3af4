/** `unused0`…`unused255`: a detached volume, as a typed value, and its text codec. */
import * as t from 'io-ts/lib/index.js';
import { unusedFormat } from '../schema/formats/unused.js';
import { stringKind } from './field-kinds.js';
import { compileSpec } from './property-object.js';
import { objectCodec } from './object-codec.js';

/**
 * A volume the container still owns but does not mount, e.g. `{ volume: 'local-lvm:vm-100-disk-1' }`.
 * `raw`: the text as found when it is not the canonical print (`volume=local:x`).
 */
export const UnusedVolume = t.readonly(t.intersection([t.type({ volume: t.string }), t.partial({ raw: t.string })]), 'UnusedVolume');
/** A detached volume (see {@link UnusedVolume}). */
export type UnusedVolume = t.TypeOf<typeof UnusedVolume>;

/** The `unused` format with its typed field. */
export const unusedSpec = compileSpec({
  name: 'unused',
  format: unusedFormat,
  fields: [{ key: 'volume', name: 'volume', kind: stringKind }],
});

/** Text codec of `unusedN`. */
export const unusedCodec = objectCodec<UnusedVolume>('UnusedVolumeText', unusedSpec, UnusedVolume);
