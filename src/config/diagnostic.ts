/**
 * Diagnostics are values: what the reader found, where, and — for what Proxmox itself reports — the
 * exact text Proxmox prints. `error` and `warning` are Proxmox's own messages (an error is what makes
 * Proxmox's strict mode fail); `notice` is pctkit's own observation that Proxmox passes over silently.
 */

import type { Diagnostic } from '../diagnostics/diagnostic.js';

export type { Severity } from '../diagnostics/diagnostic.js';

/** The config reader's codes; docs/config-diagnostics.md has an example config for each. */
export type DiagnosticCode =
  /** A line no rule matches (`unable to parse config: <line>`); the line is dropped. */
  | 'UNPARSEABLE_LINE'
  /** A key that is not in the container schema; the value is kept. */
  | 'UNKNOWN_SETTING'
  /** A value that fails its type or format check; the raw value is kept. */
  | 'INVALID_VALUE'
  /** `delete:` outside `[pve:pending]`; the line is dropped. */
  | 'DELETE_OUTSIDE_PENDING'
  /** An `lxc.*` key Proxmox does not know; the line is dropped. */
  | 'UNKNOWN_LXC_KEY'
  /** `lxc.rootfs.path` / `lxc.rootfs.options`; the line is dropped. */
  | 'FORBIDDEN_LXC_KEY'
  /** An LXC 2.x key name (kept, under the old name). */
  | 'DEPRECATED_LXC_KEY'
  /** `lxc.limit.*` (renamed to `lxc.prlimit.*`; kept). */
  | 'RENAMED_LXC_KEY'
  /** `lxc.cgroup.*` (cgroup v1; kept). */
  | 'CGROUP_V1_LXC_KEY'
  /** A key set twice in one section: the later value wins. */
  | 'DUPLICATE_KEY'
  /** A section header seen again: the earlier section's content is discarded. */
  | 'REDEFINED_SECTION'
  /** `snapstate` in the main section: Proxmox drops it. */
  | 'IGNORED_SNAPSTATE';

/**
 * A diagnostic of the config reader: the library's one {@link Diagnostic} shape with the reader's
 * code and a location that is always known (line, column, offset, length, section). `proxmoxText`
 * is, for errors and warnings, the exact text Proxmox prints after `vm <id> - `, with its trailing
 * newline(s); absent for notices.
 */
export interface ConfigDiagnostic extends Diagnostic<DiagnosticCode> {
  /** 1-based line and column (UTF-16 code units) of what the diagnostic is about. */
  readonly line: number;
  readonly column: number;
  /** Offset and length in the source text. */
  readonly offset: number;
  readonly length: number;
  /** The section: `''` (main), `'pve:pending'` or the snapshot name. */
  readonly section: string;
  /** The config key involved, if any. */
  readonly key?: string;
  /** Per-field messages of a property-string failure (`hwaddr` → reason). */
  readonly fields?: Readonly<Record<string, string>>;
  /** For unparseable lines: what the grammar expected at `column`. */
  readonly expected?: readonly string[];
}

/** The text Proxmox prints for these diagnostics (its warnings), `vm <vmid> - ` before each. */
export function formatProxmoxMessages(
  diagnostics: readonly ConfigDiagnostic[],
  vmid: number | string,
): string {
  let out = '';
  for (const d of diagnostics)
    if (d.proxmoxText !== undefined) out += `vm ${vmid} - ${d.proxmoxText}`;
  return out;
}

/** `FILE:LINE:COL: severity: message` — the format of `pctkit config check`. */
export function formatDiagnostic(d: ConfigDiagnostic, file: string): string {
  const fields = d.fields ? Object.entries(d.fields).map(([k, v]) => `${k}: ${v.trim()}`) : [];
  const detail = fields.length > 0 ? ` (${fields.join('; ')})` : '';
  const expected =
    d.expected && d.expected.length > 0 ? ` (expected ${d.expected.join(' or ')})` : '';
  return `${file}:${d.line}:${d.column}: ${d.severity}: ${d.message}${detail}${expected}`;
}
