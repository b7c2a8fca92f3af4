/**
 * `parse_property_string`: `key=value` parts separated by commas (no quoting or escaping), a bare
 * part fills the format's default key, then the object is validated with unknown keys forbidden.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import { formatErrorMessage, objectErrors } from './check-property.js';
import {
  compiledFormatOf,
  fastPropertyValues,
  fastValuesObject,
  parseBoolean,
} from './compiled-format.js';
import { isPerlBlank, isPerlTrue, perlSplit } from '../perl/index.js';
import type {
  ParsedPropertyString,
  PropertyStringFailure,
  PropertyStringFormat,
  PropertyValue,
} from './property-schema.js';
import { defaultKeyOf, schemaOf } from './property-schema.js';

export { printPropertyString, printPropertyStringDetailed } from './print-property-string.js';
export type { PrintedPropertyString, PrintOptions } from './print-property-string.js';
export { parseBoolean } from './compiled-format.js';

/**
 * Perl `/^([^=]+)=(.+)$/` without a regex: the key is everything before the first `=` (non-empty),
 * the value the rest (non-empty, no newline; `$` may precede one final newline, which is dropped).
 */
function splitKeyValue(part: string): [string, string] | undefined {
  const eq = part.indexOf('=');
  if (eq <= 0) return undefined;
  let end = part.length;
  if (part.charCodeAt(end - 1) === 0x0a) end--;
  if (end <= eq + 1) return undefined;
  const nl = part.indexOf('\n', eq + 1);
  if (nl !== -1 && nl < end) return undefined;
  return [part.slice(0, eq), part.slice(eq + 1, end)];
}
/** A refusal of the text itself (`kind` `syntax`). */
function failure(message: string): PropertyStringFailure {
  return { kind: 'syntax', message, fields: {} };
}

/**
 * Parses a property string against `format` exactly as Proxmox does, including its error texts.
 * Values are not trimmed; booleans become 0/1; nothing else is converted and no defaults are added.
 * Keys are in input order.
 */
export function parsePropertyString(
  format: PropertyStringFormat,
  input: string,
): Either<PropertyStringFailure, ParsedPropertyString> {
  const compiled = compiledFormatOf(format);
  if (fastPropertyValues(compiled, input)) return E.right(fastValuesObject(compiled));
  return parsePropertyStringExact(format, input);
}

/**
 * Why Proxmox refuses `input` as a property string of `format`, or `undefined` when it accepts it
 * (`parsePropertyString` without building the parsed object).
 */
export function propertyStringFailure(
  format: PropertyStringFormat,
  input: string,
): PropertyStringFailure | undefined {
  if (fastPropertyValues(compiledFormatOf(format), input)) return undefined;
  const r = parsePropertyStringExact(format, input);
  return E.isLeft(r) ? r.left : undefined;
}

/**
 * The exact engine alone: Perl's parser step by step, then `check_object` with its messages
 * ({@link parsePropertyString} runs it only when the fast path refuses an input).
 */
export function parsePropertyStringExact(
  format: PropertyStringFormat,
  input: string,
): Either<PropertyStringFailure, ParsedPropertyString> {
  const res: Record<string, PropertyValue> = Object.create(null) as Record<string, PropertyValue>;
  let bareKey: string | undefined;
  for (const part of perlSplit(input, ',')) {
    if (isPerlBlank(part)) continue;
    const kv = splitKeyValue(part);
    if (kv !== undefined) {
      const [key, value] = kv;
      if (key in res)
        return E.left(failure(`duplicate key in comma-separated list property: ${key}\n`));
      const isBoolean = schemaOf(format, key)?.type === 'boolean';
      res[key] = isBoolean ? (parseBoolean(value) ?? value) : value;
    } else if (!part.includes('=')) {
      if (bareKey !== undefined) {
        return E.left(failure(`duplicate key in comma-separated list property: ${bareKey}\n`));
      }
      bareKey = defaultKeyOf(format);
      if (bareKey === undefined) {
        return E.left(failure('value without key, but schema does not define a default key\n'));
      }
      // Perl tests truthiness here, so an earlier `volume=0` is silently replaced.
      if (isPerlTrue(res[bareKey])) {
        return E.left(failure(`duplicate key in comma-separated list property: ${bareKey}\n`));
      }
      res[bareKey] = part;
    } else {
      return E.left(failure('missing key in comma-separated list property\n'));
    }
  }
  const fields = objectErrors(format, res, false);
  if (Object.keys(fields).length > 0)
    return E.left({ kind: 'fields', message: formatErrorMessage(fields), fields });
  return E.right(res);
}
