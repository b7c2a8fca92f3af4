/**
 * A text codec for a property-string format, from its compiled spec and the io-ts shape of its
 * typed value (decode = Proxmox's parser, encode = `print_property_string` with the `raw` rule).
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts/lib/index.js';
import type { CompiledObjectSpec, TypedObject } from './property-object.js';
import { decodeObject, printObject } from './property-object.js';
import type { TextCodec } from './text-codec.js';
import { textCodec } from './text-codec.js';

/** Builds the text codec of a property-string format. */
export function objectCodec<A>(name: string, spec: CompiledObjectSpec, shape: t.Type<A, A, unknown>): TextCodec<A> {
  return textCodec<A>(name, {
    is: shape.is,
    decode: (text) => E.map((v: Record<string, unknown>) => v as A)(decodeObject(spec, text)),
    encode: (value) => printObject(spec, value as unknown as TypedObject),
  });
}
