/**
 * The comparison `planApiUpdate` makes between two GET views (spec C.4, step 1): what Proxmox
 * would store or print the same is the same. Property strings compare as maps (without the `size`
 * Proxmox appends to volumes and without the default `type=veth`), booleans and numbers as values,
 * `description` without trailing newlines, `tags`/`nameserver`/`searchdomain` as Proxmox
 * normalises them, `cpuunits` clamped (cgroup v2).
 */
import * as E from 'fp-ts/lib/Either.js';
import { clampCpuUnits, uniqueTags } from '../ops/set-config.js';
import { schemaKey } from '../schema/key-registry.js';
import { propertyStringFormats } from '../schema/formats/index.js';
import { parseBoolean, parsePropertyString } from '../schema/property-string.js';
import { splitList } from '../perl/index.js';
import type { ApiValue } from './api-types.js';

/** Fields of a property string left out of the comparison. */
function ignoredField(key: string, field: string, value: string): boolean {
  if (field === 'size' && (key === 'rootfs' || /^mp\d+$/.test(key))) return true;
  return field === 'type' && value === 'veth' && /^net\d+$/.test(key);
}

/** {@link parsePropertyString}, or a caller's memo of it (one plan parses a value once). */
export type PropertyStringParser = typeof parsePropertyString;

/** The property string as a canonical map text (sorted fields), or `undefined` when it does not parse. */
function propertyMap(key: string, value: string, parse: PropertyStringParser): string | undefined {
  const name = schemaKey(key)?.propertyString;
  if (name === undefined) return undefined;
  const parsed = parse(propertyStringFormats[name], value);
  if (E.isLeft(parsed)) return undefined;
  const parts: string[] = [];
  for (const field of Object.keys(parsed.right).sort()) {
    const v = String(parsed.right[field]);
    if (!ignoredField(key, field, v)) parts.push(`${field}=${v}`);
  }
  return parts.join('\n');
}

/** The normalised text of one value of `key` (equal texts mean no change to send). */
export function normaliseValue(key: string, value: ApiValue): string {
  return normaliseValueWith(key, value, parsePropertyString);
}

/** {@link normaliseValue} with the given property string parser. */
export function normaliseValueWith(
  key: string,
  value: ApiValue,
  parse: PropertyStringParser,
): string {
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  if (key === 'description') return text.replace(/\n+$/, '');
  if (key === 'tags') return uniqueTags(text);
  if (key === 'nameserver' || key === 'searchdomain') return splitList(text).join(' ');
  const schema = schemaKey(key);
  if (schema === undefined) return text;
  switch (schema.type) {
    case 'boolean': {
      const b = typeof value === 'number' ? value : parseBoolean(text);
      return b === undefined ? text : String(b === 0 ? 0 : 1);
    }
    case 'integer': {
      const n = Number(text.trim());
      if (!Number.isSafeInteger(n) || text.trim() === '') return text;
      return String(key === 'cpuunits' ? clampCpuUnits(n, 2) : n);
    }
    case 'number': {
      const n = Number(text.trim());
      return text.trim() === '' || Number.isNaN(n) ? text : String(n);
    }
    default:
      return schema.propertyString !== undefined ? (propertyMap(key, text, parse) ?? text) : text;
  }
}

/** Whether two values of `key` are the same after normalisation. */
export function sameValue(key: string, a: ApiValue, b: ApiValue): boolean {
  return a === b || normaliseValue(key, a) === normaliseValue(key, b);
}
