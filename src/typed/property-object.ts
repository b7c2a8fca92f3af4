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
import type { CompiledFormat } from '../schema/compiled-format.js';
import { compileFormat, compiledFormatOf, fastPropertyValues } from '../schema/compiled-format.js';
import { parsePropertyString } from '../schema/property-string.js';
import { isPerlBlank } from '../perl/index.js';
import type { PropertySchema, PropertyStringFormat, PropertyValue } from '../schema/property-schema.js';
import type { ValueFailure } from './check-level.js';
import type { FieldKind } from './field-kinds.js';
import { booleanKind, deepEqual, stringKind } from './field-kinds.js';

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

/** Compiles a spec (checks that every format key has exactly one field). */
export function compileSpec(spec: PropertyObjectSpec): CompiledObjectSpec {
  const byKey = new Map<string, CompiledField>();
  const byName = new Map<string, CompiledField>();
  const list: CompiledField[] = [];
  for (const field of spec.fields) {
    if (spec.format[field.key] === undefined) throw new Error(`${spec.name}: field ${field.key} is not in the format`);
  }
  for (const key of Object.keys(spec.format)) {
    if (!spec.fields.some((f) => f.key === key)) throw new Error(`${spec.name}: format key ${key} has no field`);
  }
  // The schema's fast parser, with its keys in field order (values by field index).
  const specFormat = compiledOf(spec.format, spec.fields);
  const format = specFormat.format;
  for (const field of spec.fields) {
    const key = format.keys[list.length] as CompiledFormat['keys'][number];
    const compiled: CompiledField = {
      ...field,
      index: list.length,
      schema: key.schema,
      isDefault: key.isDefault,
      isBoolean: key.isBoolean,
      check: key.check,
    };
    byKey.set(field.key, compiled);
    byName.set(field.name, compiled);
    list.push(compiled);
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
  const out: CompiledObjectSpec = { ...spec, compiled: list, scratch: format.values, byKey, byName, printOrder, ...(defaultField ? { defaultField } : {}), required };
  compiledFormats.set(out, planOf(out, specFormat));
  return out;
}

/** How the decoder converts a field: generically (`kind.fromValue`), as text, or as a boolean. */
const GENERIC = 0;
const TEXT = 1;
const BOOLEAN = 2;

/** A spec's decoding plan (built once per spec). */
export interface SpecFormat {
  readonly spec: CompiledObjectSpec;
  /** The format with its keys in field order. */
  readonly format: CompiledFormat;
  /** The fields are in the format's own key order (so values parsed by the schema index alike). */
  readonly inFormatOrder: boolean;
  /** Typed names, conversions and converters by field index. */
  readonly names: readonly string[];
  readonly conversions: readonly number[];
  readonly fromValue: ReadonlyArray<(value: PropertyValue) => unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly toText: ReadonlyArray<(value: any) => string>;
}

const compiledFormats = new WeakMap<CompiledObjectSpec, SpecFormat>();

function conversionOf(field: FieldSpec, schema: PropertySchema | undefined): number {
  if (schema?.type === 'boolean') return field.kind === booleanKind ? BOOLEAN : GENERIC;
  return field.kind === stringKind ? TEXT : GENERIC;
}

function compiledOf(format: PropertyStringFormat, fields: readonly FieldSpec[]): Omit<SpecFormat, 'spec'> {
  const own = compiledFormatOf(format).keys;
  return {
    format: compileFormat(format, fields.map((f) => f.key)),
    inFormatOrder: fields.every((f, i) => own[i]?.key === f.key),
    names: fields.map((f) => f.name),
    conversions: fields.map((f) => conversionOf(f, format[f.key])),
    fromValue: fields.map((f) => f.kind.fromValue),
    toText: fields.map((f) => f.kind.toText),
  };
}

function planOf(spec: CompiledObjectSpec, parts: Omit<SpecFormat, 'spec'>): SpecFormat {
  return { ...parts, spec };
}

/**
 * The decoding plan of a spec, with the schema's compiled format (built on first use for a spec not
 * made by compileSpec).
 */
export function specFormatOf(spec: CompiledObjectSpec): SpecFormat {
  let format = compiledFormats.get(spec);
  if (format === undefined) {
    format = planOf(spec, compiledOf(spec.format, spec.compiled));
    compiledFormats.set(spec, format);
  }
  return format;
}

function formatOf(spec: CompiledObjectSpec): CompiledFormat {
  return specFormatOf(spec).format;
}

/**
 * `parse_property_string` for inputs it accepts: the parsed values by field index (in a scratch
 * array, valid until the next parse of the format), or `undefined` when the input is rejected or
 * needs the exact engine (a line feed in it).
 */
function fastValues(spec: CompiledObjectSpec, input: string): readonly (PropertyValue | undefined)[] | undefined {
  const format = formatOf(spec);
  return fastPropertyValues(format, input) ? format.values : undefined;
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

/**
 * What a parser made of an accepted input: the present values as key index then value, flattened,
 * in key index order of the format in its own key order, and whether the input has the layout of a
 * canonical print (`CompiledFormat.canonicalLayout`). See `AcceptedPropertyString`.
 */
export interface ParsedInput {
  readonly fields: readonly PropertyValue[];
  readonly canonicalLayout: boolean;
}

/** One field of a decode: the typed value of parsed value `v` of field `i`, and whether its text is canonical. */
function convertField(plan: SpecFormat, i: number, v: PropertyValue, typed: Record<string, unknown>, canonical: boolean): boolean {
  const conversion = plan.conversions[i];
  let x: unknown;
  if (conversion === TEXT && typeof v === 'string') x = v;
  else if (conversion === BOOLEAN) x = v === 1 || v === '1';
  else {
    x = (plan.fromValue[i] as (value: PropertyValue) => unknown)(v);
    // A boolean's text is `0`/`1` in a canonical layout.
    if (canonical) canonical = (plan.toText[i] as (value: unknown) => string)(x) === (typeof v === 'string' ? v : String(v));
  }
  typed[plan.names[i] as string] = x;
  return canonical;
}

/**
 * {@link decodeObject} with the spec's plan (see {@link specFormatOf}).
 *
 * The `raw` rule without printing: an input is the canonical print of its typed value exactly when
 * it has a canonical layout (parts in print order, the default key bare, booleans `0`/`1`: the
 * parser tells) and every field's text is the canonical text of its typed value. Text fields are
 * their own canonical text; only the other kinds (`size=1024M`, `tag=+5`) need their text printed.
 */
export function decodeObjectWith(
  plan: SpecFormat,
  input: string,
  parsed?: ParsedInput,
): Either<ValueFailure, Record<string, unknown>> {
  if (parsed !== undefined && plan.inFormatOrder) {
    const typed: Record<string, unknown> = {};
    const fields = parsed.fields;
    let canonical = parsed.canonicalLayout;
    for (let j = 0; j < fields.length; j += 2) canonical = convertField(plan, fields[j] as number, fields[j + 1] as PropertyValue, typed, canonical);
    if (!canonical) typed['raw'] = input;
    return E.right(typed);
  }
  if (fastPropertyValues(plan.format, input)) {
    const typed: Record<string, unknown> = {};
    const values = plan.format.values;
    let canonical = plan.format.canonicalLayout;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== undefined) canonical = convertField(plan, i, v, typed, canonical);
    }
    if (!canonical) typed['raw'] = input;
    return E.right(typed);
  }
  const spec = plan.spec;
  const values = parseValues(spec, input);
  if (E.isLeft(values)) return values;
  const typed = typedFromValues(spec, values.right);
  if (printCanonical(spec, typed) !== input) typed['raw'] = input;
  return E.right(typed);
}

/**
 * Decodes a property string into its typed object (see the module comment for `raw`). `parsed`: what
 * Proxmox's parser returned for `input` (what the reader keeps, see `parsedFieldsOf`), used instead
 * of parsing again.
 */
export function decodeObject(
  spec: CompiledObjectSpec,
  input: string,
  parsed?: ParsedInput,
): Either<ValueFailure, Record<string, unknown>> {
  return decodeObjectWith(specFormatOf(spec), input, parsed);
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
    if (eq === -1 ? isDefault && !isPerlBlank(part) : part.slice(0, eq) === key) {
      return eq === -1 ? start : start + eq + 1;
    }
    start = end + 1;
  }
  return undefined;
}
