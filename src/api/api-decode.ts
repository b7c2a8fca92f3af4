/**
 * API JSON ⇄ the typed config. {@link decodeApiConfig} takes what `GET …/config` returns (or what a
 * client built: numbers or strings for numeric keys, `1`/`0`/`true`/`false` or the file's boolean
 * spellings, unknown keys) and gives the same typed {@link ContainerConfig} the file reader gives,
 * so a UI keeps one model for both sources. {@link encodeApiParams} turns a typed config into PUT
 * form parameters: booleans `1`/`0`, integers as digits, property strings printed canonically.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';
import type { ConfigSection, ConfigValue } from '../config/model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { errorDiagnostic, warningDiagnostic } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import { checkConfigValue } from '../schema/check-value.js';
import { schemaKey } from '../schema/key-registry.js';
import { propertyStringFormats } from '../schema/formats/index.js';
import { parsePropertyString, printPropertyString } from '../schema/property-string.js';
import type { CheckLevel } from '../typed/check-level.js';
import type { ContainerConfig } from '../typed/container-config.js';
import { decodeSection, encodeSection } from '../typed/container-config.js';

/** Codes of the decoder. */
export type ApiDecodeCode =
  /** The input is not a GET data object (nor `{"data": {...}}`). */
  | 'API_JSON_INVALID'
  /** One value has a JSON type no key takes (null, an object, a malformed `lxc` list); it is skipped. */
  | 'API_JSON_VALUE_INVALID'
  /** A value its key's check refuses (kept as text in `invalid`, as the file reader keeps it). */
  | 'API_JSON_VALUE_REFUSED';

/** One value of API JSON as a client may send or receive it. */
const ApiJsonScalar = t.union([t.string, t.number, t.boolean]);
const LxcPairs = t.readonlyArray(t.tuple([t.string, t.string]));
/** The outer shape: an object (each value is checked on its own, so one bad value spoils nothing). */
const ApiJsonObject = t.UnknownRecord;

/** A decoded GET data object. */
export interface DecodedApiConfig {
  /** The typed config (values the checks refuse are in `invalid`, unknown keys in `unknown`). */
  readonly config: ContainerConfig;
  /** The `digest` the object carried, if any (send it back with the PUT). */
  readonly digest?: string;
  /** What was skipped or refused (warnings: decoding goes on). */
  readonly diagnostics: readonly Diagnostic<ApiDecodeCode>[];
}

/** Options of {@link decodeApiConfig}. */
export interface DecodeApiOptions {
  /** `reader` (default): the file reader's checks. `api`: also what the API refuses (ranges, enums). */
  readonly level?: CheckLevel;
}

/** The API's JSON scalar as the text a form or a file holds: booleans `1`/`0`, numbers in digits. */
function scalarText(value: string | number | boolean): string {
  return typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
}

/** Decodes API JSON (the `data` object, or `{"data": …}`) into the typed config. */
export function decodeApiConfig(
  json: unknown,
  options: DecodeApiOptions = {},
): Result<DecodedApiConfig, ApiDecodeCode> {
  const outer = ApiJsonObject.decode(json);
  if (E.isLeft(outer))
    return E.left([errorDiagnostic('API_JSON_INVALID', 'not a GET config data object')]);
  const wrapped = outer.right['data'];
  const record =
    typeof wrapped === 'object' &&
    wrapped !== null &&
    !Array.isArray(wrapped) &&
    Object.keys(outer.right).length === 1
      ? (wrapped as Record<string, unknown>)
      : outer.right;
  const diagnostics: Diagnostic<ApiDecodeCode>[] = [];
  const values = Object.create(null) as Record<string, ConfigValue>;
  const section: { -readonly [K in keyof ConfigSection]: ConfigSection[K] } = { values, lxc: [] };
  let digest: string | undefined;
  for (const key of Object.keys(record)) {
    const raw = record[key];
    if (key === 'lxc') {
      const pairs = LxcPairs.decode(raw);
      if (E.isRight(pairs)) section.lxc = pairs.right;
      else
        diagnostics.push(
          warningDiagnostic(
            'API_JSON_VALUE_INVALID',
            'lxc: not a list of [key, value] pairs; skipped',
            { path: key },
          ),
        );
      continue;
    }
    const scalar = ApiJsonScalar.decode(raw);
    if (E.isLeft(scalar)) {
      diagnostics.push(
        warningDiagnostic(
          'API_JSON_VALUE_INVALID',
          `${key}: ${raw === null ? 'null' : typeof raw} is not a config value; skipped`,
          { path: key },
        ),
      );
      continue;
    }
    const text = scalarText(scalar.right);
    if (key === 'digest') digest = text;
    else if (key === 'description') section.description = text;
    else if (key === 'env') section.env = text;
    else {
      // Typed as the file reader types a line: booleans 0/1, integers as numbers, the rest as text.
      const checked = checkConfigValue(key, text);
      if (E.isRight(checked)) values[key] = checked.right;
      else {
        values[key] = text;
        if (checked.left.kind !== 'unknown-key') {
          diagnostics.push(
            warningDiagnostic(
              'API_JSON_VALUE_REFUSED',
              `${key}: ${checked.left.message.split('\n')[0] ?? ''}`,
              { path: key, proxmoxText: checked.left.message },
            ),
          );
        }
      }
    }
  }
  const level = options.level ?? 'reader';
  const config = decodeSection(section, level, {}, (p) => {
    diagnostics.push(
      warningDiagnostic(
        'API_JSON_VALUE_REFUSED',
        `${p.key}: ${p.failure.message.split('\n')[0] ?? ''}`,
        { path: p.key },
      ),
    );
  }) as ContainerConfig;
  return E.right({ config, ...(digest !== undefined ? { digest } : {}), diagnostics });
}

/** A property string re-printed in its format's order; other values as they are. */
function canonicalText(key: string, text: string): string {
  const name = schemaKey(key)?.propertyString;
  if (name === undefined) return text;
  const format = propertyStringFormats[name];
  const parsed = parsePropertyString(format, text);
  const printed = E.isRight(parsed) ? printPropertyString(format, parsed.right) : undefined;
  return printed !== undefined && E.isRight(printed) ? printed.right : text;
}

/**
 * The typed config as PUT form parameters: every key it sets, booleans `1`/`0`, integers in
 * digits, property strings printed canonically, `env` joined by NUL. Raw `lxc` lines are left out
 * (the API cannot set them), and so are unknown and invalid keys.
 */
export function encodeApiParams(config: ContainerConfig): Readonly<Record<string, string>> {
  // Without `source` (the spellings a file or a client used) the values are printed canonically.
  const { unknown: _unknown, invalid: _invalid, lxc: _lxc, source: _source, ...typed } = config;
  const section = encodeSection(typed);
  const out = Object.create(null) as Record<string, string>;
  for (const key of Object.keys(section.values).sort())
    out[key] = canonicalText(key, String(section.values[key]));
  if (section.description !== undefined) out['description'] = section.description;
  if (section.env !== undefined) out['env'] = section.env;
  return out;
}
