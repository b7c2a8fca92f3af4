/**
 * The two levels of checking a typed decode can apply, and the failure a value check reports.
 */

/**
 * `reader`: what Proxmox's config FILE reader accepts (`parse_pct_config`): types and formats; every
 * real file keeps loading. `api`: what `pct set` / `PUT /config` accepts on top of that: enums,
 * ranges, patterns, lengths (and `parse_device`'s required path).
 */
export type CheckLevel = 'reader' | 'api';

/**
 * Why a value was refused. `message` is Proxmox's exact text (for the reader level: what it prints
 * after `unable to parse value of '<key>' - `; for the API level: the per-parameter message of
 * `Parameter verification failed`). `fields` holds the per-field messages of a property-string
 * failure, keyed by the Proxmox field name (`hwaddr`), absent otherwise. `level` says which check
 * refused it.
 */
export interface ValueFailure {
  readonly level: CheckLevel;
  readonly message: string;
  readonly fields?: Readonly<Record<string, string>>;
}
