/**
 * `pct config <vmid> [--current] [--snapshot <name>]` (spec C.2): the GET result, verified against
 * the return schema, printed as `<key>: <value>` lines in sorted key order (without `digest` and
 * `lxc`), `description` percent-encoded on one line, `env` raw with its NUL bytes, then every raw
 * `lxc` pair. Not the file format: no sections, pending values merged.
 */
import * as E from 'fp-ts/lib/Either.js';
import { encodeText } from '../config/description-codec.js';
import type { Result } from '../diagnostics/result.js';
import type { ApiCode } from './api-diagnostic.js';
import type { ApiConfigData, ApiOptions, ConfigQuery } from './api-types.js';
import { getConfigData } from './get-config.js';
import { verifyConfigResult } from './return-schema.js';

/** The text `pct config` prints for a GET result (no verification here). */
export function printPctConfig(data: ApiConfigData): string {
  let out = '';
  for (const key of Object.keys(data).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (key === 'digest' || key === 'lxc') continue;
    const value = data[key];
    if (typeof value === 'object' || value === undefined) continue;
    out += `${key}: ${key === 'description' ? encodeText(String(value)) : String(value)}\n`;
  }
  const lxc = data['lxc'];
  if (typeof lxc === 'object') for (const [k, v] of lxc) out += `${k}: ${v}\n`;
  return out;
}

/**
 * What `pct config` prints on stdout for a file, or (left) the diagnostics whose joined
 * `proxmoxText` is what it prints on stderr (`400 Result verification failed` and one line per
 * failing key, an unknown snapshot, …); `pct` then exits 1 (and adds a usage line for a 400).
 */
export function pctConfigText(
  text: string,
  query: ConfigQuery = {},
  options: ApiOptions = {},
): Result<string, ApiCode> {
  const data = getConfigData(text, query, options);
  if (E.isLeft(data)) return data;
  const verified = verifyConfigResult(data.right);
  return E.isLeft(verified) ? verified : E.right(printPctConfig(verified.right));
}
