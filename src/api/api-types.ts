/**
 * The JSON values of Proxmox's container config API, as its config parser types them: booleans and
 * integers are numbers, `cpulimit` (the one `number` key) and everything else are strings, `lxc` is
 * an array of `[key, value]` pairs.
 */

/** One value of the GET `data` object. */
export type ApiValue = string | number | ReadonlyArray<readonly [string, string]>;

/**
 * The `data` object of `GET /nodes/{node}/lxc/{vmid}/config`: every key the file sets (no
 * defaults), `digest` included. A null-prototype object (a `__proto__` key in a file is data).
 */
export type ApiConfigData = Readonly<Record<string, ApiValue>>;

/** The query of `GET …/config` (and of `pct config`). */
export interface ConfigQuery {
  /** Current values only (default false: pending values merged in). */
  readonly current?: boolean;
  /** A snapshot's values instead (not together with `current`). */
  readonly snapshot?: string;
}

/** Options shared by the API views. */
export interface ApiOptions {
  /** The container ID (for messages; `pct config` needs it only for its text). */
  readonly vmid?: number;
}
