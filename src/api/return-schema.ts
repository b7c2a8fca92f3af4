/**
 * The API's return-schema check of `GET …/config`, which `pct config` runs before printing (spec
 * C.2): every schema key of the result is validated as a parameter would be (type, format, pattern,
 * length, range, enum); keys outside the schema pass. A failure is Proxmox's
 * `400 Result verification failed` with one `<key>: <message>` line per failing key and one
 * `<key>.<field>: <message>` line per failing field of a property string.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Result } from '../diagnostics/result.js';
import { checkApiValue } from '../schema/check-value.js';
import { schemaKey } from '../schema/key-registry.js';
import type { ApiCode } from './api-diagnostic.js';
import { keyedFailure } from './api-diagnostic.js';
import type { ApiConfigData } from './api-types.js';

const firstLine = (message: string): string => message.split('\n')[0] ?? '';
const trimEnd = (message: string): string => message.replace(/\n+$/, '');

/** The failing keys of a result and why (`net0`, `net0.hwaddr`, …); empty when it is valid. */
export function returnSchemaErrors(data: ApiConfigData): Record<string, string> {
  const errors: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const key of Object.keys(data)) {
    if (key === 'digest' || key === 'lxc') continue;
    const value = data[key];
    if (typeof value === 'object' || value === undefined || schemaKey(key) === undefined) continue;
    const checked = checkApiValue(key, String(value));
    if (E.isRight(checked)) continue;
    errors[key] = firstLine(checked.left.message);
    const fields = checked.left.fields ?? {};
    for (const field of Object.keys(fields))
      errors[`${key}.${field}`] = trimEnd(fields[field] as string);
  }
  return errors;
}

/** Checks a GET result against the return schema: the result, or `400 Result verification failed`. */
export function verifyConfigResult(data: ApiConfigData): Result<ApiConfigData, ApiCode> {
  const errors = returnSchemaErrors(data);
  return Object.keys(errors).length === 0
    ? E.right(data)
    : E.left(keyedFailure('API_RESULT_INVALID', '400', 'Result verification failed', errors));
}
