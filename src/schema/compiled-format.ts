/**
 * The fast path of `parse_property_string`: a property-string format compiled once into key
 * lookups and per-key predicates, and a single-pass parser that decides, for every input, whether
 * Proxmox accepts it and with which values. It never explains a refusal: callers run the exact
 * engine (`parsePropertyString`'s slow path, `objectErrors`) for the error texts. Inputs with a line
 * feed always go to the exact engine (Perl's `$` and `.` rules are not worth reproducing here).
 *
 * Acceptance must equal the exact engine's: the compat suites check both on every vector row.
 */
import * as E from 'fp-ts/lib/Either.js';
import { encodeUtf8 } from '../encoding/utf8.js';
import { patternRegExp } from './check-property.js';
import { isPerlInteger, isPerlNumber } from '../perl/index.js';
import type { PropertySchema, PropertyStringFormat, PropertyValue } from './property-schema.js';
import { checkFormat } from './simple-formats.js';
import { scanDiskSize, scanDnsName, scanIpv4, scanIpv4Config, scanMacAddress } from './format-scanners.js';
import type { FormatName } from './simple-formats.js';

const TRUE_RE = /^(?:1|on|yes|true)\n?$/i;
const FALSE_RE = /^(?:0|off|no|false)\n?$/i;

/** pve-common `parse_boolean`: `1|on|yes|true` → 1, `0|off|no|false` → 0 (any case), else undefined. */
export function parseBoolean(text: string): 0 | 1 | undefined {
  if (text === '1') return 1;
  if (text === '0') return 0;
  if (TRUE_RE.test(text)) return 1;
  if (FALSE_RE.test(text)) return 0;
  return undefined;
}

/** One key of a compiled format. */
export interface CompiledKey {
  readonly key: string;
  /** Position in {@link CompiledFormat.keys} (and in {@link CompiledFormat.values}). */
  readonly index: number;
  readonly schema: PropertySchema;
  readonly isDefault: boolean;
  readonly isBoolean: boolean;
  /**
   * Position in `print_property_string`'s order: the default key first, then the required keys,
   * then the optional ones, each group sorted by key.
   */
  readonly printRank: number;
  /** `check_prop` on a present value: true when Proxmox accepts it. */
  readonly check: (value: PropertyValue) => boolean;
}

/** A property-string format compiled for {@link fastPropertyValues}. */
export interface CompiledFormat {
  readonly format: PropertyStringFormat;
  /** Every key of the format, in the order given to {@link compileFormat}. */
  readonly keys: readonly CompiledKey[];
  readonly defaultKey: CompiledKey | undefined;
  /**
   * The keys by the code unit of their first character (below 128; other keys are in
   * `otherKeys`), for the parser's key lookup.
   */
  readonly keysByFirst: ReadonlyArray<readonly CompiledKey[] | undefined>;
  /** The keys whose first character is not ASCII. */
  readonly otherKeys: readonly CompiledKey[];
  /** The keys that are not optional. */
  readonly required: readonly CompiledKey[];
  /**
   * Scratch of the parser: the values by key index after an accepting call (valid until the next
   * call on this compiled format; parsing is synchronous and never re-enters).
   */
  readonly values: Array<PropertyValue | undefined>;
  /** Scratch of the parser: key indices in order of first appearance (`orderLength` of them). */
  readonly order: number[];
  orderLength: number;
  /**
   * Set by an accepting call: the input has the layout of a canonical print. Every part is
   * `key=value` in print order (see {@link CompiledKey.printRank}), the default key's part is bare,
   * no part is blank or repeated, and every boolean reads `0` or `1`. The input is then the
   * canonical print of its values exactly when each value's text is its own canonical text.
   */
  canonicalLayout: boolean;
}

// `pve-lxc-mp-string` as one expression (the schema checks the same three patterns one by one).
const MP_STRING_ILLEGAL_RE = /\/\.\.?\/|\/\.\.?\n?$|^\.\.\//;

const FORMAT_SCANNERS: Partial<Record<FormatName, (text: string) => boolean>> = {
  ipv4: scanIpv4,
  'pve-ipv4-config': scanIpv4Config,
  'mac-addr': scanMacAddress,
  'dns-name': scanDnsName,
  'disk-size': scanDiskSize,
};

/** A named format as a predicate (a faster equivalent for the hot ones). */
function formatPredicate(format: FormatName): (text: string) => boolean {
  // Every illegal sequence holds a `.`: most values need no regex at all (a one-character search is
  // the engine's fastest).
  if (format === 'pve-lxc-mp-string') {
    return (text) => text.indexOf('.') === -1 || !MP_STRING_ILLEGAL_RE.test(text);
  }
  // The hand-written scanners of the hot formats, as booleans (no `Either` to allocate).
  const scanner = FORMAT_SCANNERS[format];
  if (scanner !== undefined) return scanner;
  return (text) => E.isRight(checkFormat(format, text));
}

/**
 * A pattern that is one ASCII character class repeated (`[-_.A-Za-z0-9]+`, no escapes, no
 * negation) as a table of its characters, or `undefined` for any other pattern.
 */
function charClassTable(pattern: string): Uint8Array | undefined {
  const m = /^\[([^\]\\^[]+)\]\+$/.exec(pattern);
  if (m === null) return undefined;
  const body = m[1] as string;
  const table = new Uint8Array(128);
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c >= 128) return undefined;
    if (i + 2 < body.length && body.charCodeAt(i + 1) === 0x2d /* - */) {
      const last = body.charCodeAt(i + 2);
      if (last >= 128 || last < c) return undefined;
      for (let x = c; x <= last; x++) table[x] = 1;
      i += 2;
    } else table[c] = 1;
  }
  return table;
}

/** `^(?:[class]+)\n?$` with the class as {@link charClassTable}'s table. */
function matchesCharClass(table: Uint8Array, text: string): boolean {
  let end = text.length;
  if (end > 0 && text.charCodeAt(end - 1) === 0x0a) end--;
  if (end === 0) return false;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || table[c] !== 1) return false;
  }
  return true;
}

/** `check_prop` on a present value, as a fast predicate (same order of checks, same outcome). */
function compileCheck(schema: PropertySchema): (value: PropertyValue) => boolean {
  const pattern = schema.pattern === undefined ? undefined : patternRegExp(schema.pattern);
  const format = schema.format === undefined ? undefined : formatPredicate(schema.format);
  const { minimum, maximum, minLength, maxLength } = schema;
  const enumValues = schema.enum;
  const type = schema.type;
  if (type === 'boolean') return (value) => value === 0 || value === 1;
  if (
    type === 'string' &&
    pattern === undefined &&
    minimum === undefined &&
    maximum === undefined &&
    minLength === undefined &&
    maxLength === undefined &&
    enumValues === undefined
  ) {
    if (format === undefined) return () => true;
    return (value) => format(typeof value === 'number' ? String(value) : value);
  }
  // A string that only has to match a character class (`name`, `bridge` of a NIC): a table lookup
  // per character instead of the regex.
  const table = schema.pattern === undefined ? undefined : charClassTable(schema.pattern);
  if (
    table !== undefined &&
    type === 'string' &&
    format === undefined &&
    minimum === undefined &&
    maximum === undefined &&
    minLength === undefined &&
    maxLength === undefined &&
    enumValues === undefined
  ) {
    return (value) => matchesCharClass(table, typeof value === 'number' ? String(value) : value);
  }
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

/**
 * Compiles `format` with its keys in `keyOrder` (default: the format's own order). `keyOrder` must
 * hold every key of the format exactly once.
 */
export function compileFormat(format: PropertyStringFormat, keyOrder?: readonly string[]): CompiledFormat {
  const names = keyOrder ?? Object.keys(format);
  const keys: CompiledKey[] = [];
  const ranks = printRanks(format);
  for (const key of names) {
    const schema = Object.prototype.hasOwnProperty.call(format, key) ? format[key] : undefined;
    if (schema === undefined) throw new Error(`compileFormat: ${key} is not a key of the format`);
    keys.push({
      key,
      index: keys.length,
      schema,
      isDefault: schema.defaultKey === true,
      isBoolean: schema.type === 'boolean',
      printRank: ranks.get(key) as number,
      check: compileCheck(schema),
    });
  }
  if (keys.length !== Object.keys(format).length || new Set(names).size !== names.length) {
    throw new Error('compileFormat: the key order must hold every key of the format once');
  }
  const keysByFirst: Array<CompiledKey[] | undefined> = new Array<CompiledKey[] | undefined>(128).fill(undefined);
  const otherKeys: CompiledKey[] = [];
  for (const k of keys) {
    const c = k.key.charCodeAt(0);
    if (c < 128) (keysByFirst[c] ??= []).push(k);
    else otherKeys.push(k);
  }
  return {
    format,
    keys,
    defaultKey: keys.find((k) => k.isDefault),
    keysByFirst,
    otherKeys,
    required: keys.filter((k) => k.schema.optional !== true),
    values: new Array<PropertyValue | undefined>(keys.length).fill(undefined),
    order: new Array<number>(keys.length).fill(0),
    orderLength: 0,
    canonicalLayout: false,
  };
}

/** Every key's position in `print_property_string`'s order (see {@link CompiledKey.printRank}). */
function printRanks(format: PropertyStringFormat): Map<string, number> {
  const sorted = Object.keys(format).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const isDefault = (k: string): boolean => format[k]?.defaultKey === true;
  const isRequired = (k: string): boolean => format[k]?.optional !== true;
  const order = [
    ...sorted.filter(isDefault),
    ...sorted.filter((k) => !isDefault(k) && isRequired(k)),
    ...sorted.filter((k) => !isDefault(k) && !isRequired(k)),
  ];
  return new Map(order.map((k, i) => [k, i]));
}

const compiledFormats = new WeakMap<PropertyStringFormat, CompiledFormat>();

/** The format compiled in its own key order, compiled once per format object. */
export function compiledFormatOf(format: PropertyStringFormat): CompiledFormat {
  let compiled = compiledFormats.get(format);
  if (compiled === undefined) {
    compiled = compileFormat(format);
    compiledFormats.set(format, compiled);
  }
  return compiled;
}

function keyAt(compiled: CompiledFormat, input: string, start: number, end: number): CompiledKey | undefined {
  const length = end - start;
  const c0 = input.charCodeAt(start);
  const keys = c0 < 128 ? compiled.keysByFirst[c0] : compiled.otherKeys;
  if (keys === undefined) return undefined;
  outer: for (let j = 0; j < keys.length; j++) {
    const k = keys[j] as CompiledKey;
    const key = k.key;
    if (key.length !== length) continue;
    // A plain loop: faster than `startsWith` on the short sliced strings compared here.
    for (let i = 1; i < length; i++) if (input.charCodeAt(start + i) !== key.charCodeAt(i)) continue outer;
    return k;
  }
  return undefined;
}

/**
 * `parse_property_string` plus `check_object` for an input Proxmox accepts: true, with the values in
 * `compiled.values` (by key index; booleans as 0/1, the rest text) and their first-appearance order
 * in `compiled.order`. False when Proxmox refuses the input, or it holds a line feed (ask the exact
 * engine in both cases). `noLineFeed`: the caller knows that `input` holds none (the value of a
 * config line), so it is not searched for one.
 */
export function fastPropertyValues(compiled: CompiledFormat, input: string, noLineFeed = false): boolean {
  const values = compiled.values;
  const order = compiled.order;
  const keys = compiled.keys;
  for (let i = 0; i < values.length; i++) values[i] = undefined;
  let count = 0;
  let bareSeen = false;
  let start = 0;
  const n = input.length;
  // The canonical print of no values is '' (no part at all), of others has no blank part.
  let canonical = true;
  let lastRank = -1;
  if (!noLineFeed && input.includes('\n')) return false;
  // -2: not searched yet; -1: no `=` after the last search's start.
  let nextEq = -2;
  while (start <= n) {
    let end = input.indexOf(',', start);
    if (end === -1) end = n;
    // Blank parts are skipped (Perl `next if $part =~ /^\s*$/`).
    let blank = true;
    for (let i = start; i < end; i++) {
      const c = input.charCodeAt(i);
      if (c !== 0x20 && (c < 0x09 || c > 0x0d)) {
        blank = false;
        break;
      }
    }
    // The first `=` at or after `start`, searched again only once the part passes it (a bare
    // `volume` part before `mp=…` finds the `=` of the next part, which is kept for it).
    if (!blank && nextEq !== -1 && nextEq < start) nextEq = input.indexOf('=', start);
    const eq = !blank && nextEq !== -1 && nextEq < end ? nextEq : -1;
    if (blank) {
      if (n > 0) canonical = false;
    } else if (eq === -1) {
      const k = compiled.defaultKey;
      if (bareSeen || k === undefined) return false;
      bareSeen = true;
      const current = values[k.index];
      if (current === undefined) order[count++] = k.index;
      // Perl tests truthiness: only an earlier false value (`volume=0`) may be replaced.
      else if (current !== '' && current !== '0' && current !== 0) return false;
      else canonical = false;
      values[k.index] = input.slice(start, end);
      if (k.printRank <= lastRank) canonical = false;
      lastRank = k.printRank;
    } else {
      if (eq === start || eq === end - 1) return false;
      const k = keyAt(compiled, input, start, eq);
      if (k === undefined || values[k.index] !== undefined) return false;
      if (k.isBoolean) {
        const b = booleanAt(input, eq + 1, end);
        if (b === undefined) return false;
        values[k.index] = b;
        if (end - eq !== 2) canonical = false;
      } else values[k.index] = input.slice(eq + 1, end);
      order[count++] = k.index;
      if (k.isDefault || k.printRank <= lastRank) canonical = false;
      lastRank = k.printRank;
    }
    start = end + 1;
  }
  const required = compiled.required;
  for (let i = 0; i < required.length; i++) if (values[(required[i] as CompiledKey).index] === undefined) return false;
  for (let i = 0; i < count; i++) {
    const index = order[i] as number;
    if (!(keys[index] as CompiledKey).check(values[index] as PropertyValue)) return false;
  }
  compiled.orderLength = count;
  compiled.canonicalLayout = canonical;
  return true;
}

/** {@link parseBoolean} of `input[start, end)` (no line feed in it), without slicing `0` and `1`. */
function booleanAt(input: string, start: number, end: number): 0 | 1 | undefined {
  if (end - start === 1) {
    const c = input.charCodeAt(start);
    if (c === 0x31 /* 1 */) return 1;
    if (c === 0x30 /* 0 */) return 0;
  }
  return parseBoolean(input.slice(start, end));
}

/**
 * What the fast parser made of an input it accepted, kept for a caller that decodes it later (the
 * reader keeps one per property string it accepts, so the typed layer need not parse it again).
 */
export interface AcceptedPropertyString {
  /** The input. */
  readonly text: string;
  /** The format it was parsed with (compiled in its own key order: `compiledFormatOf`). */
  readonly format: PropertyStringFormat;
  /**
   * The values present, as key index then value, flattened (`[0, '/a', 1, '/b']`), in key index
   * order; booleans as 0/1, the rest text.
   */
  readonly fields: readonly PropertyValue[];
  /** The input has the layout of a canonical print (see {@link CompiledFormat.canonicalLayout}). */
  readonly canonicalLayout: boolean;
}

/** The record of an input after {@link fastPropertyValues} accepted it. */
export function acceptedPropertyString(compiled: CompiledFormat, text: string): AcceptedPropertyString {
  // Sized exactly: a growing array would reserve room for 17 entries at its first push.
  const count = compiled.orderLength;
  const fields = new Array<PropertyValue>(count * 2);
  const values = compiled.values;
  const order = compiled.order;
  // Parts given in key order (a mount point's `volume,mp=…`): the order is the field list.
  let ascending = true;
  for (let i = 1; i < count; i++) {
    if ((order[i] as number) < (order[i - 1] as number)) {
      ascending = false;
      break;
    }
  }
  if (ascending) {
    for (let i = 0; i < count; i++) {
      const index = order[i] as number;
      fields[2 * i] = index;
      fields[2 * i + 1] = values[index] as PropertyValue;
    }
    return { text, format: compiled.format, fields, canonicalLayout: compiled.canonicalLayout };
  }
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === undefined) continue;
    fields[j++] = i;
    fields[j++] = v;
  }
  return { text, format: compiled.format, fields, canonicalLayout: compiled.canonicalLayout };
}

/**
 * The accepted values as `parse_property_string` returns them (a null-prototype object, keys in
 * input order), after {@link fastPropertyValues} returned true.
 */
export function fastValuesObject(compiled: CompiledFormat): Record<string, PropertyValue> {
  const out = Object.create(null) as Record<string, PropertyValue>;
  const { keys, values, order } = compiled;
  for (let i = 0; i < compiled.orderLength; i++) {
    const k = keys[order[i] as number] as CompiledKey;
    out[k.key] = values[k.index] as PropertyValue;
  }
  return out;
}
