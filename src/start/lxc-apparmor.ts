/**
 * The AppArmor block (spec A.1 rows 6–7, `make_apparmor_config`): PVE's generated profile with
 * its nesting and mount allowances, unless a raw `lxc.apparmor.profile` replaces it; and the FUSE
 * lines, which come either way.
 */
import { PERL_SPACE, isPerlTrue, perlSplit } from '../perl/index.js';
import type { LxcFeatures } from './lxc-features.js';
import type { LxcLines } from './lxc-lines.js';
import type { LxcConfigDiagnostic } from './start-diagnostics.js';
import { startWarning } from './start-diagnostics.js';

const MOUNT_LIST_SEPARATOR = new RegExp(`(?:[,;]|${PERL_SPACE})+`);

/** Adds the AppArmor lines, then the FUSE lines. */
export function addApparmorLines(
  lines: LxcLines,
  warnings: LxcConfigDiagnostic[],
  features: LxcFeatures,
  rawLxc: ReadonlyArray<readonly [string, string]>,
): void {
  if (rawLxc.some(([key]) => key === 'lxc.apparmor.profile')) {
    const overridden: string[] = [];
    if (features.fuse) overridden.push('features:fuse');
    if (features.nesting) overridden.push('features:nesting');
    if (isPerlTrue(features.mount)) overridden.push('features:mount');
    if (overridden.length > 0) {
      warnings.push(
        startWarning(
          'LXC_APPARMOR_PROFILE_OVERRIDES',
          `explicitly configured lxc.apparmor.profile overrides the following settings: ${overridden.join(', ')}`,
          { path: 'features' },
        ),
      );
    }
  } else {
    lines.add('lxc.apparmor.profile', 'generated');
    lines.add('lxc.apparmor.raw', 'allow mqueue,');
    if (features.nesting) {
      lines.add('lxc.apparmor.allow_nesting', '1');
      lines.add('lxc.apparmor.raw', 'allow userns,');
    } else {
      lines.add('lxc.apparmor.raw', 'deny mount -> /proc/,');
      lines.add('lxc.apparmor.raw', 'deny mount -> /sys/,');
    }
    if (features.mount !== undefined) {
      for (const fs of perlSplit(features.mount, MOUNT_LIST_SEPARATOR))
        lines.add('lxc.apparmor.raw', `mount fstype=${fs},`, 'features.mount');
    }
  }
  if (features.fuse) {
    lines.add('lxc.apparmor.raw', 'mount fstype=fuse,');
    lines.add('lxc.mount.entry', '/dev/fuse dev/fuse none bind,create=file 0 0');
  }
}
