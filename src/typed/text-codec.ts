/**
 * Text codecs: io-ts codecs from a config value's text to its typed value and back, built from a
 * plain decode function. A failure becomes one io-ts error per property-string field (the context's
 * last entry names the Proxmox field, the message is Proxmox's field text) or one error carrying
 * Proxmox's whole message.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';
import type { ValueFailure } from './check-level.js';

/** An io-ts codec from a config value's text to `A` and back. */
export type TextCodec<A> = t.Type<A, string, string>;

/** The plain functions behind a {@link TextCodec}. */
export interface TextCodecParts<A> {
  /** Decodes the text (the value of a `key: value` line, already trimmed). */
  readonly decode: (text: string) => Either<ValueFailure, A>;
  /** Prints the value as Proxmox prints (or would store) it. */
  readonly encode: (value: A) => string;
  /** The runtime shape of `A`. */
  readonly is: (u: unknown) => u is A;
}

/** Builds an io-ts codec from decode/encode functions (see the module comment for errors). */
export function textCodec<A>(name: string, parts: TextCodecParts<A>): TextCodec<A> {
  const codec: TextCodec<A> = new t.Type<A, string, string>(
    name,
    parts.is,
    (input, context) => {
      const r = parts.decode(input);
      if (E.isRight(r)) return t.success(r.right);
      const fields = r.left.fields;
      if (fields === undefined || Object.keys(fields).length === 0) return t.failure(input, context, r.left.message);
      return t.failures(
        Object.keys(fields).map((field) => ({
          value: input,
          context: [...context, { key: field, type: t.unknown, actual: input }],
          message: fields[field] as string,
        })),
      );
    },
    parts.encode,
  );
  return codec;
}

/**
 * An open enumeration: the known values (for completion and {@link isKnown}) plus any other string,
 * since Proxmox's file reader keeps values outside the enum (`ostype: redhat`) and only the API
 * refuses them.
 */
export type OpenEnum<K extends string> = K | (string & Record<never, never>);

/** io-ts runtime type of an open enumeration (any string). */
export function openEnum<K extends string>(name: string, _known: readonly K[]): t.Type<OpenEnum<K>, OpenEnum<K>, unknown> {
  return new t.Type<OpenEnum<K>, OpenEnum<K>, unknown>(
    name,
    (u): u is OpenEnum<K> => typeof u === 'string',
    (u, c) => (typeof u === 'string' ? t.success(u) : t.failure(u, c)),
    t.identity,
  );
}

/** True when `value` is one of the `known` values of an open enumeration. */
export function isKnown<K extends string>(known: readonly K[], value: string): value is K {
  return (known as readonly string[]).includes(value);
}
