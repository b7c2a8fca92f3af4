/**
 * The engine behind every property-string codec: a format's fields mapped to typed fields, a fast
 * parser for valid values (the exact schema engine runs only to explain a rejection), the canonical
 * printer, and the `raw` rule that keeps the text of a value whose text is not canonical.
 *
 * The `raw` rule: a decoded value carries `raw` (the text as found) only when that text differs from
 * the canonical print of the typed value (`tag=+5`, keys out of order, `size=1024M`). Printing reuses
 * the raw text of every field whose typed value is unchanged, so a value prints exactly as Proxmox's
 * `print_property_string` prints the parsed text; file encoding writes `raw` verbatim as long as the
 * typed fields still match it (Proxmox stores values verbatim).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import { patternRegExp, isPerlInteger, isPerlNumber } from '../schema/check-property.js';
import { encodeUtf8 } from '../encoding/utf8.js';
import { parseBoolean, parsePropertyString } from '../schema/property-string.js';
import type { PropertySchema, PropertyStringFormat, PropertyValue } from '../schema/property-schema.js';
import { checkFormat } from '../schema/simple-formats.js';
import type { FormatName } from '../schema/simple-formats.js';
import type { ValueFailure } from './check-level.js';
import type { FieldKind } from './field-kinds.js';
import { deepEqual } from './field-kinds.js';

/** One field of a property-string format: its Proxmox key, typed name and kind. */
export interface FieldSpec {
  /** The Proxmox key (`link_down`). */
  readonly key: string;
  /** The typed field name (`linkDown`). */
  readonly name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly kind: FieldKind<any>;
}

/** A property-string format with its typed fields. */
export interface PropertyObjectSpec {
  /** The format's name (`net`, `rootfs`, …). */
  readonly name: string;
  readonly format: PropertyStringFormat;
  /** One entry per key of `format`. */
  readonly fields: readonly FieldSpec[];
}

interface CompiledField extends FieldSpec {
  /** Position in `fields`. */
  readonly index: number;
  readonly schema: PropertySchema;
  readonly isDefault: boolean;
  readonly isBoolean: boolean;
  readonly check: (value: PropertyValue) => boolean;
}

/** A compiled spec: lookups and print order, built once per format. */
export interface CompiledObjectSpec extends PropertyObjectSpec {
  readonly compiled: readonly CompiledField[];
  readonly byKey: ReadonlyMap<string, CompiledField>;
  readonly byName: ReadonlyMap<string, CompiledField>;
  /** Default key, then required keys (sorted), then the rest (sorted). */
  readonly printOrder: readonly CompiledField[];
  readonly defaultField?: CompiledField;
  readonly required: readonly CompiledField[];
  /** Scratch space of the fast parser (decoding is synchronous, so one per format suffices). */
  readonly scratch: Array<PropertyValue | undefined>;
}

// `pve-lxc-mp-string` as one expression (the schema checks the same three patterns one by one).
const MP_STRING_ILLEGAL_RE = /\/\.\.?\/|\/\.\.?\n?$|^\.\.\//;

/** A named format as a predicate (a faster equivalent for the hot ones). */
function formatPredicate(format: FormatName): (text: string) => boolean {
  if (format === 'pve-lxc-mp-string') return (text) => !MP_STRING_ILLEGAL_RE.test(text);
  return (text) => E.isRight(checkFormat(format, text));
}

/** `check_prop` on a present value, as a fast predicate (same order of checks, same outcome). */
function compileCheck(schema: PropertySchema): (value: PropertyValue) => boolean {
  const pattern = schema.pattern === undefined ? undefined : patternRegExp(schema.pattern);
  const format = schema.format === undefined ? undefined : formatPredicate(schema.format);
  const { minimum, maximum, minLength, maxLength } = schema;
  const enumValues = schema.enum;
  const type = schema.type;
  if (type === 'boolean') return (value) => value === 0 || value === 1;
  return (value) => {
    const text = typeof value === 'number' ? String(value) : value;
    if (type === 'integer') {
      if (!isPerlInteger(text)) return false;
    } else if (type === 'number') {
      if (!isPerlNumber(text)) return false;
    }
    if (format !== undefined && !format(text)) return false;
    if (pattern !== undefined && !pattern.test(text)) return false;
    if (maxLength !== undefined || minLength !== undefined) {
      const length = encodeUtf8(text).length;
      if (maxLength !== undefined && length > maxLength) return false;
      if (minLength !== undefined && length < minLength) return false;
    }
    if ((maximum !== undefined || minimum !== undefined) && isPerlNumber(text)) {
      const n = Number(text);
      if (maximum !== undefined && n > maximum) return false;
      if (minimum !== undefined && n < minimum) return false;
    }
    if (enumValues !== undefined && !enumValues.includes(text)) return false;
    return true;
  };
}

/** Compiles a spec (checks that every format key has exactly one field). */
export function compileSpec(spec: PropertyObjectSpec): CompiledObjectSpec {
  const byKey = new Map<string, CompiledField>();
  const byName = new Map<string, CompiledField>();
  const list: CompiledField[] = [];
  for (const field of spec.fields) {
    const schema = spec.format[field.key];
    if (schema === undefined) throw new Error(`${spec.name}: field ${field.key} is not in the format`);
    const compiled: CompiledField = {
      ...field,
      index: list.length,
      schema,
      isDefault: schema.defaultKey === true,
      isBoolean: schema.type === 'boolean',
      check: compileCheck(schema),
    };
    byKey.set(field.key, compiled);
    byName.set(field.name, compiled);
    list.push(compiled);
  }
  for (const key of Object.keys(spec.format)) {
    if (!byKey.has(key)) throw new Error(`${spec.name}: format key ${key} has no field`);
  }
  const all = [...byKey.values()];
  const sorted = [...all].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const defaultField = all.find((f) => f.isDefault);
  const required = sorted.filter((f) => f.schema.optional !== true);
  const printOrder = [
    ...(defaultField ? [defaultField] : []),
    ...required.filter((f) => f !== defaultField),
    ...sorted.filter((f) => f !== defaultField && f.schema.optional === true),
  ];
  const scratch = new Array<PropertyValue | undefined>(list.length).fill(undefined);
  return { ...spec, compiled: list, scratch, byKey, byName, printOrder, ...(defaultField ? { defaultField } : {}), required };
}

/** Perl `\s` on a UTF-16 code unit. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

function fieldOfKey(spec: CompiledObjectSpec, input: string, start: number, end: number): CompiledField | undefined {
  const length = end - start;
  for (const f of spec.compiled) {
    if (f.key.length === length && input.startsWith(f.key, start)) return f;
  }
  return undefined;
}

/**
 * `parse_property_string` for inputs it accepts: the parsed values by field index (in the spec's
 * scratch array, valid until the next call), or `undefined` when the input is rejected or needs the
 * exact engine (a line feed in it).
 */
function fastValues(spec: CompiledObjectSpec, input: string): PropertyValue[] | undefined {
  if (input.includes('\n')) return undefined;
  const fields = spec.compiled;
  const res = spec.scratch;
  res.fill(undefined);
  let bareSeen = false;
  let start = 0;
  const n = input.length;
  while (start <= n) {
    let end = input.indexOf(',', start);
    if (end === -1) end = n;
    if (end > start && !isBlank(input, start, end)) {
      let eq = input.indexOf('=', start);
      if (eq >= end) eq = -1;
      if (eq === -1) {
        const f = spec.defaultField;
        if (bareSeen || f === undefined) return undefined;
        bareSeen = true;
        const current = res[f.index];
        if (current !== undefined && current !== '' && current !== '0' && current !== 0) return undefined;
        res[f.index] = input.slice(start, end);
      } else {
        if (eq === start || eq === end - 1) return undefined;
        const f = fieldOfKey(spec, input, start, eq);
        if (f === undefined || res[f.index] !== undefined) return undefined;
        const text = input.slice(eq + 1, end);
        if (f.isBoolean) {
          const b = parseBoolean(text);
          if (b === undefined) return undefined;
          res[f.index] = b;
        } else res[f.index] = text;
      }
    }
    start = end + 1;
  }
  for (const f of spec.required) if (res[f.index] === undefined) return undefined;
  for (let i = 0; i < res.length; i++) {
    const v = res[i];
    if (v !== undefined && !(fields[i] as CompiledField).check(v)) return undefined;
  }
  return res as PropertyValue[];
}

/**
 * `parse_property_string` for inputs it accepts (as Proxmox returns them: booleans as 0/1, the rest
 * text), or `undefined` when the input is rejected or needs the exact engine (a line feed in it).
 */
export function fastParse(spec: CompiledObjectSpec, input: string): Record<string, PropertyValue> | undefined {
  const values = fastValues(spec, input);
  if (values === undefined) return undefined;
  const out = Object.create(null) as Record<string, PropertyValue>;
  for (const f of spec.compiled) if (values[f.index] !== undefined) out[f.key] = values[f.index] as PropertyValue;
  return out;
}

/** The parsed values, or Proxmox's failure (exact texts from the schema engine). */
export function parseValues(spec: CompiledObjectSpec, input: string): Either<ValueFailure, Record<string, PropertyValue>> {
  const fast = fastParse(spec, input);
  if (fast !== undefined) return E.right(fast);
  const slow = parsePropertyString(spec.format, input);
  if (E.isRight(slow)) return E.right({ ...slow.right });
  const hasFields = Object.keys(slow.left.fields).length > 0;
  return E.left({ level: 'reader', message: slow.left.message, ...(hasFields ? { fields: slow.left.fields } : {}) });
}

/** A typed object of a property-string format (fields by typed name, plus `raw`). */
export type TypedObject = Record<string, unknown> & { readonly raw?: string };

/** Parsed values → typed fields (no `raw`). */
export function typedFromValues(spec: CompiledObjectSpec, values: Readonly<Record<string, PropertyValue>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in values) {
    const f = spec.byKey.get(key) as CompiledField;
    out[f.name] = f.kind.fromValue(values[key] as PropertyValue);
  }
  return out;
}

/** The canonical print of the typed fields (ignores `raw`). */
export function printCanonical(spec: CompiledObjectSpec, value: TypedObject): string {
  let out = '';
  for (const f of spec.printOrder) {
    const v = value[f.name];
    if (v === undefined) continue;
    const text = f.kind.toText(v);
    out += (out === '' ? '' : ',') + (f.isDefault ? text : `${f.key}=${text}`);
  }
  return out;
}

/** Decodes a property string into its typed object (see the module comment for `raw`). */
export function decodeObject(spec: CompiledObjectSpec, input: string): Either<ValueFailure, Record<string, unknown>> {
  const fast = fastValues(spec, input);
  if (fast !== undefined) {
    const typed: Record<string, unknown> = {};
    for (const f of spec.compiled) {
      const v = fast[f.index];
      if (v !== undefined) typed[f.name] = f.kind.fromValue(v);
    }
    if (printCanonical(spec, typed) !== input) typed['raw'] = input;
    return E.right(typed);
  }
  const values = parseValues(spec, input);
  if (E.isLeft(values)) return values;
  const typed = typedFromValues(spec, values.right);
  if (printCanonical(spec, typed) !== input) typed['raw'] = input;
  return E.right(typed);
}

/** The raw field values of `value.raw`, when it is set and parses. */
function rawValues(spec: CompiledObjectSpec, value: TypedObject): Readonly<Record<string, PropertyValue>> | undefined {
  if (typeof value.raw !== 'string') return undefined;
  const parsed = parseValues(spec, value.raw);
  return E.isRight(parsed) ? parsed.right : undefined;
}

/**
 * The value as `parse_property_string` returns it for the text Proxmox holds: fields unchanged
 * since decoding keep their raw text (`tag: "+5"`, `size: "8G"`), others get canonical text;
 * booleans as 0/1.
 */
export function proxmoxValues(spec: CompiledObjectSpec, value: TypedObject): Record<string, PropertyValue> {
  const raw = rawValues(spec, value);
  const out = Object.create(null) as Record<string, PropertyValue>;
  for (const f of spec.printOrder) {
    const v = value[f.name];
    if (v === undefined) continue;
    const r = raw?.[f.key];
    out[f.key] = r !== undefined && deepEqual(f.kind.fromValue(r), v) ? r : f.kind.toValue(v);
  }
  return out;
}

/**
 * `print_property_string` of the value (`print_volume` for mount points: sizes via `format_size`).
 * Does not validate: a value that did not come from a decode may print text that does not decode.
 */
export function printObject(spec: CompiledObjectSpec, value: TypedObject): string {
  const raw = rawValues(spec, value);
  if (raw === undefined) return printCanonical(spec, value);
  let out = '';
  for (const f of spec.printOrder) {
    const v = value[f.name];
    if (v === undefined) continue;
    const r = raw[f.key];
    const text = !f.kind.canonicalOnly && r !== undefined && deepEqual(f.kind.fromValue(r), v) ? String(r) : f.kind.toText(v);
    out += (out === '' ? '' : ',') + (f.isDefault ? text : `${f.key}=${text}`);
  }
  return out;
}

/**
 * The text a config file stores for the value: `raw` verbatim while the typed fields still match it
 * (Proxmox writes stored values verbatim), otherwise {@link printObject}.
 */
export function storedText(spec: CompiledObjectSpec, value: TypedObject): string {
  if (typeof value.raw === 'string') {
    const decoded = decodeObject(spec, value.raw);
    if (E.isRight(decoded) && printCanonical(spec, decoded.right) === printCanonical(spec, value)) return value.raw;
  }
  return printObject(spec, value);
}

/**
 * The column offset (0-based, within the value text) of field `key`'s value, for diagnostics: the
 * text after `key=`, or the bare part for the default key; `undefined` when the field is absent.
 */
export function fieldOffset(spec: PropertyObjectSpec, input: string, key: string): number | undefined {
  const isDefault = spec.format[key]?.defaultKey === true;
  let start = 0;
  while (start <= input.length) {
    let end = input.indexOf(',', start);
    if (end === -1) end = input.length;
    const part = input.slice(start, end);
    const eq = part.indexOf('=');
    if (eq === -1 ? isDefault && !isBlank(part, 0, part.length) : part.slice(0, eq) === key) {
      return eq === -1 ? start : start + eq + 1;
    }
    start = end + 1;
  }
  return undefined;
}
