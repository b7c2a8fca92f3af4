/**
 * The seccomp block (spec A.1 row 5, `make_seccomp_config`): for a user-namespaced container, the
 * rule file `rules.seccomp` (the host's `common.seccomp` followed by PVE's rules) and the lines
 * that point LXC at it, plus the `mknod` notification proxy of `pve-lxc-syscalld`.
 */
import type { HostFacts } from './host-facts.js';
import type { LxcFeatures } from './lxc-features.js';
import type { LxcLines } from './lxc-lines.js';
import type { LxcConfigDiagnostic } from './start-diagnostics.js';
import { startError, startWarning, stop } from './start-diagnostics.js';

const S_IFCHR = 8192;
const S_IFBLK = 24576;
const S_IFMT = 61440;

/** `check_kernel_release(5, 3)`: the running kernel's major.minor is at least 5.3. */
function kernelAtLeast(
  release: string,
  major: number,
  minor: number,
): { ok: boolean; found: string } {
  const m = /^(\d+)\.(\d+)/.exec(release);
  if (m === null) return { ok: false, found: release };
  const [maj, min] = [Number(m[1]), Number(m[2])];
  return { ok: maj > major || (maj === major && min >= minor), found: `${maj}.${min}` };
}

/** The syscalld socket LXC forwards `mknod` to: the old path only when it is the only one. */
function syscalldSocket(facts: HostFacts): string {
  if (!facts.syscalldNewSocket && facts.syscalldOldSocket === 'file')
    return '/run/pve/lxc-syscalld.sock';
  return '/run/pve-lxc-syscalld/socket';
}

/** What the seccomp block produced. */
export interface SeccompOutcome {
  /** The text of `rules.seccomp`, when the block writes it. */
  readonly rules?: string;
}

/**
 * Adds the seccomp lines. A raw `lxc.seccomp.profile` wins (with a warning naming the features it
 * overrides); a privileged container keeps the profile of the included LXC files.
 */
export function addSeccompLines(
  lines: LxcLines,
  warnings: LxcConfigDiagnostic[],
  userns: boolean,
  features: LxcFeatures,
  rawLxc: ReadonlyArray<readonly [string, string]>,
  facts: HostFacts,
  vmid: number,
): SeccompOutcome {
  if (rawLxc.some(([key]) => key === 'lxc.seccomp.profile')) {
    const overridden: string[] = [];
    if (features.keyctl) overridden.push('features:keyctl');
    if (features.mknod) overridden.push('features:mknod');
    if (overridden.length > 0) {
      warnings.push(
        startWarning(
          'LXC_SECCOMP_PROFILE_OVERRIDES',
          `explicitly configured lxc.seccomp.profile overrides the following settings: ${overridden.join(', ')}`,
          { path: 'features' },
        ),
      );
    }
    return {};
  }
  if (!userns) return {};
  // Rules per syscall, in insertion order; the file lists the syscalls sorted by name.
  const rules = new Map<string, string[]>();
  const rule = (syscall: string, text: string): void => {
    const list = rules.get(syscall);
    if (list === undefined) rules.set(syscall, [text]);
    else list.push(text);
  };
  rule('ioctl', 'ioctl errno 1 [1,0x9400,SCMP_CMP_MASKED_EQ,0xff00]');
  if (!features.keyctl) rule('keyctl', 'keyctl errno 38');
  rule('socket', 'socket errno 97 [0,38,SCMP_CMP_EQ]');
  if (features.mknod) {
    const kernel = kernelAtLeast(facts.kernelRelease, 5, 3);
    if (!kernel.ok) {
      stop(
        startError(
          'LXC_KERNEL_TOO_OLD',
          `'mknod' feature requested, but kernel too old (found ${kernel.found}, required >= 5.3)\n`,
          { path: 'features.mknod' },
        ),
      );
    }
    lines.add('lxc.seccomp.notify.proxy', `unix:${syscalldSocket(facts)}`);
    lines.add('lxc.seccomp.notify.cookie', String(vmid));
    for (const [syscall, arg] of [
      ['mknod', 1],
      ['mknodat', 2],
    ] as const) {
      rule(syscall, `${syscall} notify [${arg},${S_IFCHR},SCMP_CMP_MASKED_EQ,${S_IFMT}]`);
      rule(syscall, `${syscall} notify [${arg},${S_IFBLK},SCMP_CMP_MASKED_EQ,${S_IFMT}]`);
    }
  }
  if (facts.commonSeccomp === null) {
    stop(
      startError(
        'LXC_COMMON_SECCOMP_MISSING',
        "unable to open file '/usr/share/lxc/config/common.seccomp' - No such file or directory\n",
      ),
    );
  }
  let text = facts.commonSeccomp;
  for (const syscall of [...rules.keys()].sort())
    for (const r of rules.get(syscall) as string[]) text += `${r}\n`;
  lines.add('lxc.seccomp.profile', `/var/lib/lxc/${vmid}/rules.seccomp`);
  return { rules: text };
}
