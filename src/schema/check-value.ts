/**
 * Config.pm's own `check_type`, as the config FILE READER applies it to every `key: value` line:
 * unknown keys, line feeds, booleans, integers, numbers and formats are checked; pattern, enum,
 * ranges and lengths are not (the API checks those, see {@link checkApiValue}).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import { propertyError, typeError } from './check-property.js';
import { isDigits, isUnsignedDecimal, perlIntOfDigits } from '../perl/index.js';
import { parseBoolean, propertyStringFailure } from './property-string.js';
import { propertyStringFormats } from './formats/index.js';
import { acceptedPropertyString, fastPropertyValues } from './compiled-format.js';
import type { AcceptedPropertyString } from './compiled-format.js';
import { checkFormat } from './simple-formats.js';
import type { FormatName } from './simple-formats.js';
import type { ContainerKeySchema } from './container-schema.js';
import type { PropertySchema } from './property-schema.js';
import { schemaKey, schemaKeyEntry, type SchemaKeyEntry } from './key-registry.js';

/**
 * What kind of refusal a {@link ValueCheckFailure} is, set where the failure is made: callers tell
 * failures apart by it, never by matching Proxmox's text.
 */
export type ValueCheckFailureKind =
  /** The key is not a container setting (`unknown setting '<key>'`; the API: `property is not defined in schema …`). */
  | 'unknown-key'
  /** The value holds a line feed or carriage return (`property contains a line feed`). */
  | 'line-feed'
  /** The value is not of the key's type (`type check ('integer') failed - got '…'`). */
  | 'type'
  /** The value fails the key's format: a property string (`fields` per field, if any), a named format or the time zone. */
  | 'format'
  /** The API's constraints: pattern, length, range or enum (`value must have a minimum value of 16`). */
  | 'constraint';

/**
 * Why a value was rejected. `kind` says what failed; `message` is exactly the text Proxmox prints
 * after `unable to parse value of '<key>' - `, trailing newline(s) included. `fields` holds the
 * per-field messages when a property string failed validation (absent for every other failure).
 */
export interface ValueCheckFailure {
  readonly kind: ValueCheckFailureKind;
  readonly message: string;
  readonly fields?: Readonly<Record<string, string>>;
}

/** Host data some checks need. */
export interface ValueCheckOptions {
  /**
   * Zone names from the host's `zone.tab` (column 3). `host` and `UTC` are always accepted. When
   * omitted, every `timezone` value is accepted, since the zone list is host data.
   */
  readonly timezones?: ReadonlySet<string>;
}

const TRUE_RE = /^(?:on|yes|true)$/i;
const FALSE_RE = /^(?:off|no|false)$/i;

function failure(
  kind: ValueCheckFailureKind,
  message: string,
  fields?: Readonly<Record<string, string>>,
): ValueCheckFailure {
  return fields === undefined ? { kind, message } : { kind, message, fields };
}

/** The format check of a string key (property string, named format or time zone). */
function formatFailure(
  schema: ContainerKeySchema,
  value: string,
  options: ValueCheckOptions,
): ValueCheckFailure | undefined {
  if (schema.propertyString !== undefined) {
    const f = propertyStringFailure(propertyStringFormats[schema.propertyString], value);
    if (f === undefined) return undefined;
    const hasFields = Object.keys(f.fields).length > 0;
    return failure('format', f.message, hasFields ? f.fields : undefined);
  }
  if (schema.format === 'pve-ct-timezone') {
    if (value === 'host' || value === 'UTC') return undefined;
    if (options.timezones === undefined || options.timezones.has(value)) return undefined;
    // Unverified wording (pve-common pve_verify_timezone); not in the vectors.
    return failure('format', `invalid time zone '${value}'\n`);
  }
  if (schema.format !== undefined) {
    const r = checkFormat(schema.format as FormatName, value);
    return E.isLeft(r) ? failure('format', r.left) : undefined;
  }
  return undefined;
}

/**
 * Checks one `key: value` of a config file as Proxmox's reader does and returns what it stores:
 * booleans as 0/1, integers as numbers (`0512` → 512), numbers and strings as given (`1.50`).
 */
export function checkConfigValue(
  key: string,
  value: string,
  options: ValueCheckOptions = {},
): Either<ValueCheckFailure, string | number> {
  const entry = schemaKeyEntry(key);
  if (entry === undefined) return E.left(failure('unknown-key', `unknown setting '${key}'\n`));
  return checkKnown(entry, value, options, false);
}

/**
 * What {@link checkReaderValue} returns: {@link checkConfigValue}'s result and, for a
 * property string the fast parser accepted, what it made of it, so that a caller need not parse it
 * again.
 */
export type CheckedConfigValue = Either<ValueCheckFailure, string | number> & {
  readonly accepted?: AcceptedPropertyString;
};

/**
 * {@link checkConfigValue} of the value of a config line (so it holds no `\n`) and its key resolved
 * by {@link schemaKeyEntry} (`undefined`: not a schema key), with the fast parser's record of an
 * accepted property string.
 */
export function checkReaderValue(
  entry: SchemaKeyEntry | undefined,
  key: string,
  value: string,
  options: ValueCheckOptions,
): CheckedConfigValue {
  if (entry === undefined) return E.left(failure('unknown-key', `unknown setting '${key}'\n`));
  return checkKnown(entry, value, options, true);
}

/**
 * The check of a known key. `lineValue`: the value comes from a config line, so it holds no `\n`
 * (only a `\r` need be looked for), and the record of an accepted property string is kept.
 */
function checkKnown(
  entry: SchemaKeyEntry,
  value: string,
  options: ValueCheckOptions,
  lineValue: boolean,
): CheckedConfigValue {
  // One-character searches: faster than `/[\n\r]/` on every value of a file.
  if ((!lineValue && value.includes('\n')) || value.includes('\r'))
    return E.left(failure('line-feed', 'property contains a line feed\n'));
  const schema = entry.schema;
  switch (schema.type) {
    case 'boolean':
      if (value === '1' || TRUE_RE.test(value)) return E.right(1);
      if (value === '0' || FALSE_RE.test(value)) return E.right(0);
      return E.left(failure('type', `type check ('boolean') failed - got '${value}'\n`));
    case 'integer': {
      if (!isDigits(value))
        return E.left(failure('type', `type check ('integer') failed - got '${value}'\n`));
      return E.right(perlIntOfDigits(value));
    }
    case 'number':
      return isUnsignedDecimal(value)
        ? E.right(value)
        : E.left(failure('type', `type check ('number') failed - got '${value}'\n`));
    case 'string': {
      const compiled = entry.compiled;
      if (lineValue && compiled !== undefined && fastPropertyValues(compiled, value, true)) {
        return { _tag: 'Right', right: value, accepted: acceptedPropertyString(compiled, value) };
      }
      const f = formatFailure(schema, value, options);
      return f === undefined ? E.right(value) : E.left(f);
    }
  }
}

/** The range/enum/length constraints of a key, as one optional property (built once per schema). */
const apiConstraints = new WeakMap<ContainerKeySchema, PropertySchema>();
function apiConstraintsOf(schema: ContainerKeySchema): PropertySchema {
  let c = apiConstraints.get(schema);
  if (c === undefined) {
    const { format: _format, propertyString: _propertyString, ...constraints } = schema;
    c = { ...constraints, optional: true } as PropertySchema;
    apiConstraints.set(schema, c);
  }
  return c;
}

/**
 * The API-level check of one parameter (`pct set` / `PUT /config`) as JSON-schema validation does
 * it: type, format, pattern, maxLength, range and enum, with Proxmox's per-parameter messages
 * (`value must have a minimum value of 16`, `invalid format - …`). Booleans accept the
 * `parse_boolean` spellings, as `pct` converts them before validation. Returns the value as the API
 * stores it (booleans and integers as numbers). Parameter normalisation beyond that (`nameserver`
 * re-joined, `tags` sorted, …) and permission or hotplug checks are out of scope.
 */
export function checkApiValue(
  key: string,
  value: string,
  options: ValueCheckOptions = {},
): Either<ValueCheckFailure, string | number> {
  const schema = schemaKey(key);
  if (schema === undefined) {
    return E.left(
      failure(
        'unknown-key',
        'property is not defined in schema and the schema does not allow additional properties',
      ),
    );
  }
  const stored: string | number =
    schema.type === 'boolean' ? (parseBoolean(value) ?? value) : value;
  const typeMessage = typeError(schema.type, stored);
  if (typeMessage !== undefined) return E.left(failure('type', typeMessage));
  if (schema.type === 'string') {
    const f = formatFailure(schema, value, options);
    if (f !== undefined)
      return E.left(failure('format', `invalid format - ${f.message}`, f.fields));
  }
  const message = propertyError(apiConstraintsOf(schema), stored);
  if (message !== undefined) return E.left(failure('constraint', message));
  return E.right(schema.type === 'integer' ? Number(stored) : stored);
}
