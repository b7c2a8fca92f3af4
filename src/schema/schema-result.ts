/**
 * The public face of the schema's checks (`pctkit/schema`): `parsePropertyString`,
 * `printPropertyString`, `parseVolume` / `printVolume`, `parseDevice` / `printDevice`,
 * `checkConfigValue` and `checkApiValue`, each returning the library's one result shape,
 * `Result<A, Code>`.
 *
 * The modules behind them (property-string.ts, check-value.ts, formats/) keep returning Proxmox's
 * text, per-field record and the failure's `kind` (`{ kind, message, fields }`): they sit on the
 * reader's hot path and every other layer builds its own diagnostics from that text. These wrappers
 * pick a code by `kind` (never by the text) and only run their conversion when a check fails, so an
 * accepted value costs nothing extra.
 *
 * A failure becomes one diagnostic, or one per field when Proxmox lists fields (`format error`,
 * fields sorted as Proxmox's text lists them): `path` names the field (`hwaddr`, or `net0.hwaddr`
 * where the key is known), `message` is `<path>: <Proxmox's reason>` on one line, and the
 * diagnostics' `proxmoxText`s, joined (`proxmoxTextOf`), are exactly Proxmox's text: the first
 * carries the `format error` line, each field its own line.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import { errorDiagnostic, messageOfProxmoxText } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Failure, Result } from '../diagnostics/result.js';
import { compareBytewise } from '../perl/index.js';
import * as checks from './check-value.js';
import type { ValueCheckFailure, ValueCheckOptions } from './check-value.js';
import * as devices from './formats/device.js';
import * as mountPoint from './formats/mount-point.js';
import type { ParsedVolume } from './formats/mount-point.js';
import * as printing from './print-property-string.js';
import type { PrintableData, PrintOptions } from './print-property-string.js';
import * as parsing from './property-string.js';
import type {
  ParsedPropertyString,
  PropertyStringFailure,
  PropertyStringFormat,
} from './property-schema.js';

/** Codes of the property-string functions of `pctkit/schema`. */
export type PropertyStringCode =
  /** Proxmox's parser refuses the text (`duplicate key …`, `missing key …`, `value without key …`), or a field fails its check (`format error`, one diagnostic per field, `path` the field). */
  | 'PROPERTY_STRING_INVALID'
  /** The data cannot be printed: a field fails its check (`format error`, one per field) or a value holds a comma (`illegal value with commas for <field>`). */
  | 'PROPERTY_STRING_UNPRINTABLE'
  /** `parseVolume` / `printVolume` got a key that is not `rootfs`, `mpN` or `unusedN` (`parse_volume - unknown type: <key>`). */
  | 'VOLUME_KEY_UNKNOWN'
  /** `parseDevice`: the string names no device path (`Path has to be defined`). */
  | 'DEVICE_PATH_MISSING';

/** A diagnostic of the property-string functions. */
export type PropertyStringDiagnostic = Diagnostic<PropertyStringCode>;

/** Codes of `checkConfigValue` and `checkApiValue`. */
export type ValueCheckCode =
  /** The key is not a container setting (`unknown setting '<key>'`; the API: `property is not defined in schema …`). */
  | 'VALUE_KEY_UNKNOWN'
  /** The value fails its key's check (type, format, pattern, range, enum, length); a property string gives one per field (`path` `net0.hwaddr`). */
  | 'VALUE_INVALID';

/** A diagnostic of the value checks. */
export type ValueCheckDiagnostic = Diagnostic<ValueCheckCode>;

/** Proxmox's failure text and per-field messages, as the internal checks return them. */
interface ProxmoxFailure {
  readonly message: string;
  readonly fields?: Readonly<Record<string, string>>;
}

function joinPath(prefix: string | undefined, field: string): string {
  return prefix === undefined ? field : `${prefix}.${field}`;
}

/**
 * The diagnostics of one Proxmox failure: one per field (sorted bytewise, as Proxmox's text lists
 * them), or one for the whole text at `path`. Their `proxmoxText`s join to `failure.message`.
 */
function diagnosticsOf<C extends string>(
  code: C,
  failure: ProxmoxFailure,
  path: string | undefined,
  fieldPrefix: string | undefined = path,
): Failure<C> {
  const text = failure.message;
  const fields = failure.fields ?? {};
  const names = Object.keys(fields).sort(compareBytewise);
  if (names.length === 0) {
    const reason = messageOfProxmoxText(text);
    return [
      errorDiagnostic(code, path === undefined ? reason : `${path}: ${reason}`, {
        ...(path === undefined ? {} : { path }),
        proxmoxText: text,
      }),
    ];
  }
  const lines = names.map((f) => `${f}: ${fields[f] as string}\n`);
  const rest = lines.slice(1).join('');
  // Proxmox's text ends with the field lines; the first diagnostic carries what precedes them.
  const listed = text.endsWith(lines.join(''));
  const first = listed ? text.slice(0, text.length - rest.length) : text;
  const out = names.map((f, i) => {
    const fieldPath = joinPath(fieldPrefix, f);
    return errorDiagnostic(code, `${fieldPath}: ${messageOfProxmoxText(fields[f] as string)}`, {
      path: fieldPath,
      proxmoxText: i === 0 ? first : listed ? (lines[i] as string) : '',
    });
  });
  return out as unknown as Failure<C>;
}

function propertyStringResult<A>(
  r: Either<PropertyStringFailure, A>,
  code: PropertyStringCode,
  key?: string,
): Result<A, PropertyStringCode> {
  return E.isRight(r) ? r : E.left(diagnosticsOf(code, r.left, key));
}

/**
 * Parses a property string against `format` exactly as Proxmox does (`parse_property_string`).
 * Values are not trimmed; booleans become 0/1; nothing else is converted and no defaults are added;
 * keys are in input order. A refusal is `PROPERTY_STRING_INVALID` (one per field, `path` the field);
 * `proxmoxTextOf(result.left)` is Proxmox's error text.
 */
export function parsePropertyString(
  format: PropertyStringFormat,
  input: string,
): Result<ParsedPropertyString, PropertyStringCode> {
  return propertyStringResult(
    parsing.parsePropertyString(format, input),
    'PROPERTY_STRING_INVALID',
  );
}

function printResult(
  r: Either<PropertyStringFailure, string>,
  key?: string,
): Result<string, PropertyStringCode> {
  if (E.isRight(r)) return r;
  // A value with a comma names its field; a `format error` lists its fields.
  const field = r.left.kind === 'comma' ? r.left.field : undefined;
  const path = field === undefined ? undefined : joinPath(key, field);
  return E.left(diagnosticsOf('PROPERTY_STRING_UNPRINTABLE', r.left, path, key));
}

/**
 * `print_property_string`: the canonical text (the default key bare, then the required keys and
 * the rest, sorted), or `PROPERTY_STRING_UNPRINTABLE` (a field fails its check, or a value holds a
 * comma).
 */
export function printPropertyString(
  format: PropertyStringFormat,
  data: PrintableData,
  options: PrintOptions = {},
): Result<string, PropertyStringCode> {
  return printResult(printing.printPropertyString(format, data, options));
}

/**
 * `parse_volume(key, input)` for `rootfs`, `mpN` and `unusedN`: the property string plus `type`,
 * `size` in bytes, `idmap` as entries, and `mp: "/"` for rootfs. Fails with `VOLUME_KEY_UNKNOWN`
 * for another key, or `PROPERTY_STRING_INVALID` (`path` `<key>.<field>`, e.g. `mp0.size`).
 */
export function parseVolume(key: string, input: string): Result<ParsedVolume, PropertyStringCode> {
  const r = mountPoint.parseVolume(key, input);
  if (E.isRight(r)) return r;
  switch (r.left.kind) {
    case 'volume-key':
      return E.left(diagnosticsOf('VOLUME_KEY_UNKNOWN', r.left, key));
    case 'size':
      // parse_volume's own size check names the field; the parser's failures list theirs.
      return E.left(
        diagnosticsOf(
          'PROPERTY_STRING_INVALID',
          r.left,
          joinPath(key, r.left.field ?? 'size'),
          key,
        ),
      );
    default:
      return E.left(diagnosticsOf('PROPERTY_STRING_INVALID', r.left, undefined, key));
  }
}

/**
 * `print_volume(key, volume)`: the canonical text Proxmox writes (size via `format_size`, `type`
 * left out, and `mp` left out for rootfs). Fails with `VOLUME_KEY_UNKNOWN` or
 * `PROPERTY_STRING_UNPRINTABLE`.
 */
export function printVolume(key: string, volume: ParsedVolume): Result<string, PropertyStringCode> {
  const r = mountPoint.printVolume(key, volume);
  if (E.isRight(r)) return r;
  if (r.left.kind === 'volume-key') return E.left(diagnosticsOf('VOLUME_KEY_UNKNOWN', r.left, key));
  return printResult(r, key);
}

/**
 * `parse_device`: the `dev` format, and a path is required (`DEVICE_PATH_MISSING`, `path` `path`);
 * other refusals are `PROPERTY_STRING_INVALID`.
 */
export function parseDevice(input: string): Result<ParsedPropertyString, PropertyStringCode> {
  const r = devices.parseDevice(input);
  if (E.isRight(r)) return r;
  if (r.left.kind === 'device-path')
    return E.left(diagnosticsOf('DEVICE_PATH_MISSING', r.left, 'path'));
  return E.left(diagnosticsOf('PROPERTY_STRING_INVALID', r.left, undefined));
}

/** `print_device`: the canonical text (`path` bare, the rest sorted), or `PROPERTY_STRING_UNPRINTABLE`. */
export function printDevice(device: ParsedPropertyString): Result<string, PropertyStringCode> {
  return printResult(devices.printDevice(device));
}

function valueResult(
  key: string,
  r: Either<ValueCheckFailure, string | number>,
): Result<string | number, ValueCheckCode> {
  if (E.isRight(r)) return r;
  const code = r.left.kind === 'unknown-key' ? 'VALUE_KEY_UNKNOWN' : 'VALUE_INVALID';
  return E.left(diagnosticsOf(code, r.left, key));
}

/**
 * Checks one `key: value` of a config file as Proxmox's reader does and returns what it stores:
 * booleans as 0/1, integers as numbers (`0512` → 512), numbers and strings as given (`1.50`).
 * Fails with `VALUE_KEY_UNKNOWN` or `VALUE_INVALID` (`path` the key, or `<key>.<field>` per field
 * of a property string); `proxmoxTextOf(result.left)` is what Proxmox prints after
 * `unable to parse value of '<key>' - `.
 */
export function checkConfigValue(
  key: string,
  value: string,
  options: ValueCheckOptions = {},
): Result<string | number, ValueCheckCode> {
  return valueResult(key, checks.checkConfigValue(key, value, options));
}

/**
 * The API-level check of one parameter (`pct set` / `PUT /config`) as JSON-schema validation does
 * it: type, format, pattern, maxLength, range and enum. Booleans accept the `parse_boolean`
 * spellings; returns the value as the API stores it (booleans and integers as numbers). Fails with
 * `VALUE_KEY_UNKNOWN` or `VALUE_INVALID`; `proxmoxTextOf(result.left)` is Proxmox's per-parameter
 * message (`value must have a minimum value of 16`, `invalid format - …`).
 */
export function checkApiValue(
  key: string,
  value: string,
  options: ValueCheckOptions = {},
): Result<string | number, ValueCheckCode> {
  return valueResult(key, checks.checkApiValue(key, value, options));
}
