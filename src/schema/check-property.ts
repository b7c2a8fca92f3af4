/**
 * pve-common's JSON-schema value checks (`check_prop`, `check_type`, `check_object`) for scalar
 * values, with Proxmox's exact messages. Only the first failing check of a key is reported.
 */
import * as E from 'fp-ts/lib/Either.js';
import { encodeUtf8 } from '../encoding/utf8.js';
import { checkFormat } from './simple-formats.js';
import { compareBytewise, isPerlInteger, isPerlNumber, PERL_END } from '../perl/index.js';
import type {
  PropertySchema,
  PropertyStringFormat,
  PropertyType,
  PropertyValue,
} from './property-schema.js';
import { schemaOf } from './property-schema.js';

const patternCache = new Map<string, RegExp>();

/** A schema pattern compiled as Proxmox applies it: `^(?:pattern)$`, Perl `$` semantics. */
export function patternRegExp(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (re === undefined) {
    re = new RegExp(`^(?:${pattern})${PERL_END}`);
    patternCache.set(pattern, re);
  }
  return re;
}

/** `check_type` for a defined scalar: the error message, or `undefined` when the type fits. */
export function typeError(type: PropertyType, value: PropertyValue): string | undefined {
  if (type === 'string') return undefined;
  const text = String(value);
  const ok =
    type === 'boolean'
      ? text === '1' || text === '0'
      : type === 'integer'
        ? isPerlInteger(text)
        : type === 'number'
          ? isPerlNumber(text)
          : true;
  return ok ? undefined : `type check ('${type}') failed - got '${text}'`;
}

/**
 * `check_prop` for one scalar value (`undefined` = absent): the first failing check's message, in
 * Proxmox's order: presence, type, format, pattern, maxLength, minLength, maximum, minimum, enum.
 * Lengths count UTF-8 bytes, as Perl does on the raw value.
 */
export function propertyError(
  schema: PropertySchema,
  value: PropertyValue | undefined,
): string | undefined {
  if (value === undefined) {
    return schema.optional === true ? undefined : 'property is missing and it is not optional';
  }
  const typeMessage = typeError(schema.type, value);
  if (typeMessage !== undefined) return typeMessage;
  const text = String(value);
  if (schema.format !== undefined) {
    const r = checkFormat(schema.format, text);
    if (E.isLeft(r)) return `invalid format - ${r.left}`;
  }
  if (schema.pattern !== undefined && !patternRegExp(schema.pattern).test(text)) {
    return 'value does not match the regex pattern';
  }
  if (schema.maxLength !== undefined || schema.minLength !== undefined) {
    const length = encodeUtf8(text).length;
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      return `value may only be ${schema.maxLength} characters long`;
    }
    if (schema.minLength !== undefined && length < schema.minLength) {
      return `value must be at least ${schema.minLength} characters long`;
    }
  }
  if ((schema.maximum !== undefined || schema.minimum !== undefined) && isPerlNumber(text)) {
    const n = Number(text);
    if (schema.maximum !== undefined && n > schema.maximum) {
      return `value must have a maximum value of ${schema.maximum}`;
    }
    if (schema.minimum !== undefined && n < schema.minimum) {
      return `value must have a minimum value of ${schema.minimum}`;
    }
  }
  if (schema.enum !== undefined && !schema.enum.includes(text)) {
    return `value '${text}' does not have a value in the enumeration '${schema.enum.join(', ')}'`;
  }
  return undefined;
}

const formatEntries = new WeakMap<PropertyStringFormat, ReadonlyArray<readonly [string, PropertySchema]>>();

/** A format's keys with their schemas, computed once per format. */
function entriesOf(format: PropertyStringFormat): ReadonlyArray<readonly [string, PropertySchema]> {
  let entries = formatEntries.get(format);
  if (entries === undefined) {
    entries = Object.entries(format);
    formatEntries.set(format, entries);
  }
  return entries;
}

/**
 * `check_object`: every schema key through {@link propertyError}; keys not in the schema are errors
 * unless `allowAdditional`. Returns the errors by field (empty when valid).
 */
export function objectErrors(
  format: PropertyStringFormat,
  data: Readonly<Record<string, PropertyValue | undefined>>,
  allowAdditional: boolean,
): Record<string, string> {
  const errors: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, schema] of entriesOf(format)) {
    const value = Object.prototype.hasOwnProperty.call(data, key) ? data[key] : undefined;
    if (value === undefined && schema.optional === true) continue;
    const message = propertyError(schema, value);
    if (message !== undefined) errors[key] = message;
  }
  if (!allowAdditional) {
    for (const key in data) {
      if (schemaOf(format, key) === undefined) {
        errors[key] =
          'property is not defined in schema and the schema does not allow additional properties';
      }
    }
  }
  return errors;
}

/** `format error\n` plus one `field: message\n` line per field, sorted by field name. */
export function formatErrorMessage(errors: Readonly<Record<string, string>>): string {
  const lines = Object.keys(errors)
    .sort(compareBytewise)
    .map((k) => `${k}: ${errors[k] as string}\n`);
  return `format error\n${lines.join('')}`;
}
