/**
 * The parse result in the vectors' JSON shape, `{ids, order, warnings}`, with object keys sorted
 * bytewise at every level so that the text is stable (what `pctkit storage json` prints).
 */
import { compareBytewise } from '../perl/index.js';
import type { StorageConfig } from './storage-config.js';
import { proxmoxWarnings } from './storage-diagnostics.js';

/** `{ids, order, warnings}` as a plain value (warnings: Proxmox's printed text). */
export function storageConfigJson(config: StorageConfig): {
  ids: StorageConfig['ids'];
  order: readonly string[];
  warnings: string;
} {
  return { ids: config.ids, order: config.order, warnings: proxmoxWarnings(config.diagnostics) };
}

/** JSON text with object keys sorted bytewise at every level (no spaces). */
export function sortedJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort(compareBytewise);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson(record[k])}`).join(',')}}`;
}
