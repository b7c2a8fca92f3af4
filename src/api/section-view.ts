/**
 * One section of a config as Proxmox's hash holds it, with the API's JSON types: the schema and
 * unknown keys, `description`, `env`, `lxc` (pairs, only when there are any) and `snapstate`.
 */
import type { ConfigSection } from '../config/model.js';
import type { ApiValue } from './api-types.js';

/** A fresh null-prototype record. */
export function apiRecord(): Record<string, ApiValue> {
  return Object.create(null) as Record<string, ApiValue>;
}

/** The section's keys and values (pending `delete` is not one of them). */
export function sectionView(section: ConfigSection): Record<string, ApiValue> {
  const out = apiRecord();
  for (const key of Object.keys(section.values)) out[key] = section.values[key] as ApiValue;
  if (section.description !== undefined) out['description'] = section.description;
  if (section.env !== undefined) out['env'] = section.env;
  if (section.lxc.length > 0) out['lxc'] = section.lxc.map(([k, v]) => [k, v] as const);
  if (section.snapstate !== undefined) out['snapstate'] = section.snapstate;
  return out;
}

/** Perl truthiness of a hash value: an array reference is true, `''`, `'0'` and `0` are false. */
export function isPerlTrueValue(value: ApiValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'object') return true;
  return value !== '' && value !== '0' && value !== 0;
}

/** Plain code-unit order of keys, as Perl's `sort` (keys are ASCII). */
export function sortedRecord(record: Readonly<Record<string, ApiValue>>): Record<string, ApiValue> {
  const out = apiRecord();
  for (const key of Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    out[key] = record[key] as ApiValue;
  return out;
}
