/**
 * pctkit/config — the parts under the root export's read, write and edit functions: the lossless
 * document (lines, scanning, classification), the description codec, the `lxc.*` key check, the
 * pending `delete:` list, Proxmox's JSON view, diagnostics formatting, and the building blocks of the
 * operations (`pct set` helpers, hotplug tables, snapshot host types, MAC addresses, diffs). Import
 * from here when the root's task-level functions are not enough.
 * @packageDocumentation
 */
export { documentLines, scanLines } from './document.js';
export type { DocumentSection, DocumentLine, LineKind, LineContent } from './document.js';
export { emptySection } from './model.js';
export { usedVolumeIds } from './writer.js';
export { formatProxmoxMessages } from './diagnostic.js';
export type { Severity } from './diagnostic.js';
export { toProxmoxJson } from './proxmox-json.js';
export type { ProxmoxConfigJson, ProxmoxSectionJson } from './proxmox-json.js';
export { decodeText, encodeText } from './description-codec.js';
export { checkLxcKey } from './lxc-keys.js';
export type { LxcKeyVerdict } from './lxc-keys.js';
export type { ParsedFields, ParsedFieldTable } from './parsed-fields.js';
export { parsePendingDelete, printPendingDelete } from './pending-delete.js';
export type { PendingDeletes } from './pending-delete.js';
export { addPendingDelete, removePendingDelete, cleanupPending } from '../ops/pending-delete.js';
export { clampCpuUnits, uniqueTags } from '../ops/set-config.js';
export type { TagStyle } from '../ops/set-config.js';
export { canonicalNet, FAST_PLUG_KEYS } from '../ops/apply-pending.js';
export { copySnapshotConfig } from '../ops/snapshot.js';
export type { SnapshotStorage, GuestControl, HostCall } from '../ops/snapshot-host.js';
export { randomMacAddress, DEFAULT_MAC_PREFIX } from '../ops/mac-address.js';
export { unifiedDiff } from '../text/unified-diff.js';
export type {
  SnapshotCode,
  SnapshotDiagnostic,
  SnapshotWarning,
  SnapshotWarningCode,
} from '../ops/snapshot.js';
export type { EditCode, EditDiagnostic } from '../ops/edit.js';
export type { WriteCode, WriteDiagnostic } from './writer.js';
export type { SetCode, SetDiagnostic } from '../ops/set-config.js';
export type { PendingCode, PendingDiagnostic } from '../ops/apply-pending.js';
