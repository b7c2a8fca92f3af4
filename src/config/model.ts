/**
 * The container config as Proxmox's reader holds it (`parse_pct_config`): one main section, the
 * pending section and named snapshots. Values are what Proxmox stores: booleans and integers that
 * passed their check as numbers, everything else (numbers included) as the raw string. Unknown keys
 * and invalid values are kept, as Proxmox keeps them.
 */

/** A stored value: `1`/`0` for booleans, integers as numbers, everything else as text. */
export type ConfigValue = string | number;

/** One section of a config file (main, `[pve:pending]`, or a snapshot). */
export interface ConfigSection {
  /** Schema and unknown keys → value (null prototype; the last occurrence of a key wins). */
  readonly values: Readonly<Record<string, ConfigValue>>;
  /** Decoded text of the section's `#` comment lines and `description:` lines. */
  readonly description?: string;
  /** Raw `lxc.*` pairs in file order (without `lxc.environment.runtime`). */
  readonly lxc: ReadonlyArray<readonly [string, string]>;
  /** `lxc.environment.runtime` values joined with NUL. */
  readonly env?: string;
  /** Pending section only: the raw `delete:` list. */
  readonly delete?: string;
  /** Snapshot (and pending) sections only: an unfinished snapshot operation. */
  readonly snapstate?: string;
}

/** A whole config file. */
export interface PctConfig {
  readonly main: ConfigSection;
  readonly pending: ConfigSection;
  /** Snapshot sections by name, in file order (the writer sorts them). */
  readonly snapshots: Readonly<Record<string, ConfigSection>>;
}

/** An empty section. */
export function emptySection(): ConfigSection {
  return { values: Object.create(null) as Record<string, ConfigValue>, lxc: [] };
}

/** An empty config (what an empty file reads as). */
export function emptyConfig(): PctConfig {
  return { main: emptySection(), pending: emptySection(), snapshots: Object.create(null) as Record<string, ConfigSection> };
}
