/**
 * The mount options Proxmox assembles for a volume (`__mountpoint_mount`, spec A.2): the
 * `mountoptions` it keeps, `acl`, and the ext4 journaled-quota options.
 */

/** Options kept on a read-only mount (or a snapshot). */
const READ_ONLY_SAFE = new Set(['nodev', 'noexec', 'nosuid']);
/** Options kept on a read-write mount. */
const READ_WRITE_SAFE = new Set(['nodev', 'noexec', 'nosuid', 'discard', 'lazytime', 'noatime']);

/** ext4 journaled quotas, added to raw and device mounts with `quota=1`. */
export const QUOTA_OPTIONS = 'usrjquota=aquota.user,grpjquota=aquota.group,jqfmt=vfsv0';

/**
 * The option list of one `-o` argument: the `mountoptions` (split on `;`) Proxmox lets through,
 * in their order, then `acl` for `acl=1`. (`acl=0` adds `noacl` only after Proxmox built the
 * list, so it has no effect.) Empty: no `-o` at all.
 */
export function assembleMountOptions(
  mountoptions: string | undefined,
  readOnly: boolean,
  acl: boolean,
): string {
  const allowed = readOnly ? READ_ONLY_SAFE : READ_WRITE_SAFE;
  const kept = (mountoptions ?? '').split(';').filter((o) => allowed.has(o));
  if (acl) kept.push('acl');
  return kept.join(',');
}
