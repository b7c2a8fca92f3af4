/** The diagnostics of storage.cfg parsing and volume-path resolution. */
import { proxmoxDiagnostic as coreProxmoxDiagnostic } from '../diagnostics/diagnostic.js';
import type { Diagnostic, DiagnosticLocation, Severity } from '../diagnostics/diagnostic.js';

/** Codes of the storage layer; docs/diagnostics.md lists each with an example. */
export type StorageCode =
  /** A line that is neither a section header nor a property line (`ignore config line: …`). */
  | 'STORAGE_IGNORED_LINE'
  /** A section header with a type Proxmox does not know: the section is skipped. */
  | 'STORAGE_UNSUPPORTED_TYPE'
  /** A section header whose storage id is not valid: the section is skipped. */
  | 'STORAGE_INVALID_ID'
  /** A property value Proxmox rejects (unknown key, duplicate, bad format): the value is dropped. */
  | 'STORAGE_INVALID_VALUE'
  /** A `content` / `content-dirs` type the storage type does not support: that item is dropped. */
  | 'STORAGE_UNSUPPORTED_CONTENT'
  /** The section as a whole fails (a required option missing, …): its id stays with no entry. */
  | 'STORAGE_SECTION_INVALID'
  /** A volume id that is not `<storeid>:<volname>`. */
  | 'VOLUME_ID_INVALID'
  /** The volume id names a storage that does not exist (or whose section was dropped). */
  | 'STORAGE_NOT_FOUND'
  /** A volume name the storage type cannot parse. */
  | 'VOLUME_NAME_INVALID'
  /** A snapshot asked for on a volume that cannot have one. */
  | 'SNAPSHOT_UNSUPPORTED'
  /** A storage type whose volume paths pctkit does not model (iscsi, pbs, …). */
  | 'STORAGE_TYPE_UNSUPPORTED'
  /** An rbd path without the cluster's fsid: the path carries the placeholder `<fsid>`. */
  | 'RBD_FSID_UNKNOWN';

/** A storage diagnostic. */
export type StorageDiagnostic = Diagnostic<StorageCode>;

/** A storage diagnostic for Proxmox's text (its message by the rule of `messageOfProxmoxText`). */
export function proxmoxDiagnostic(
  severity: Severity,
  code: StorageCode,
  proxmoxText: string,
  where: DiagnosticLocation = {},
): StorageDiagnostic {
  return coreProxmoxDiagnostic(severity, code, proxmoxText, where);
}

/** Proxmox's printed warnings, concatenated in order (the vectors' `warnings`). */
export function proxmoxWarnings(diagnostics: readonly Diagnostic[]): string {
  let text = '';
  for (const d of diagnostics) if (d.proxmoxText !== undefined) text += d.proxmoxText;
  return text;
}
