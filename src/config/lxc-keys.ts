/**
 * Which raw `lxc.*` keys Proxmox accepts in a container config (spec §1.5), in its order of checks.
 */

/** Old LXC 2.x key → the name LXC 3 uses (Proxmox warns but keeps the old key). */
export const deprecatedLxcKeys: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, {
    'lxc.aa_profile': 'lxc.apparmor.profile',
    'lxc.aa_allow_incomplete': 'lxc.apparmor.allow_incomplete',
    'lxc.console': 'lxc.console.path',
    'lxc.devttydir': 'lxc.tty.dir',
    'lxc.haltsignal': 'lxc.signal.halt',
    'lxc.rebootsignal': 'lxc.signal.reboot',
    'lxc.stopsignal': 'lxc.signal.stop',
    'lxc.id_map': 'lxc.idmap',
    'lxc.init_cmd': 'lxc.init.cmd',
    'lxc.loglevel': 'lxc.log.level',
    'lxc.logfile': 'lxc.log.file',
    'lxc.mount': 'lxc.mount.fstab',
    'lxc.network.type': 'lxc.net.INDEX.type',
    'lxc.network.flags': 'lxc.net.INDEX.flags',
    'lxc.network.link': 'lxc.net.INDEX.link',
    'lxc.network.mtu': 'lxc.net.INDEX.mtu',
    'lxc.network.name': 'lxc.net.INDEX.name',
    'lxc.network.hwaddr': 'lxc.net.INDEX.hwaddr',
    'lxc.network.ipv4': 'lxc.net.INDEX.ipv4.address',
    'lxc.network.ipv4.gateway': 'lxc.net.INDEX.ipv4.gateway',
    'lxc.network.ipv6': 'lxc.net.INDEX.ipv6.address',
    'lxc.network.ipv6.gateway': 'lxc.net.INDEX.ipv6.gateway',
    'lxc.network.script.up': 'lxc.net.INDEX.script.up',
    'lxc.network.script.down': 'lxc.net.INDEX.script.down',
    'lxc.pts': 'lxc.pty.max',
    'lxc.se_context': 'lxc.selinux.context',
    'lxc.seccomp': 'lxc.seccomp.profile',
    'lxc.tty': 'lxc.tty.max',
    'lxc.utsname': 'lxc.uts.name',
  }),
);

/** Keys accepted silently. */
export const allowedLxcKeys: ReadonlySet<string> = new Set([
  'lxc.apparmor.profile',
  'lxc.apparmor.allow_incomplete',
  'lxc.apparmor.allow_nesting',
  'lxc.apparmor.raw',
  'lxc.selinux.context',
  'lxc.include',
  'lxc.arch',
  'lxc.uts.name',
  'lxc.signal.halt',
  'lxc.signal.reboot',
  'lxc.signal.stop',
  'lxc.init.cmd',
  'lxc.init.cwd',
  'lxc.init.uid',
  'lxc.init.gid',
  'lxc.init.groups',
  'lxc.pty.max',
  'lxc.console.logfile',
  'lxc.console.path',
  'lxc.tty.max',
  'lxc.devtty.dir',
  'lxc.hook.autodev',
  'lxc.autodev',
  'lxc.kmsg',
  'lxc.mount.fstab',
  'lxc.mount.entry',
  'lxc.mount.auto',
  'lxc.rootfs.mount',
  'lxc.cap.drop',
  'lxc.cap.keep',
  'lxc.seccomp.profile',
  'lxc.seccomp.notify.proxy',
  'lxc.seccomp.notify.cookie',
  'lxc.idmap',
  'lxc.hook.pre-start',
  'lxc.hook.pre-mount',
  'lxc.hook.mount',
  'lxc.hook.start',
  'lxc.hook.stop',
  'lxc.hook.post-stop',
  'lxc.hook.clone',
  'lxc.hook.destroy',
  'lxc.hook.version',
  'lxc.log.level',
  'lxc.log.file',
  'lxc.start.auto',
  'lxc.start.delay',
  'lxc.start.order',
  'lxc.group',
  'lxc.environment',
  'lxc.environment.runtime',
  'lxc.environment.hooks',
  'lxc.sysctl.fs.mqueue',
  'lxc.sysctl.kernel.msgmax',
  'lxc.sysctl.kernel.msgmnb',
  'lxc.sysctl.kernel.msgmni',
  'lxc.sysctl.kernel.sem',
  'lxc.sysctl.kernel.shmall',
  'lxc.sysctl.kernel.shmmax',
  'lxc.sysctl.kernel.shmmni',
  'lxc.sysctl.kernel.shm_rmid_forced',
]);

/** Keys refused with a message of their own. */
export const forbiddenLxcKeys: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, {
    'lxc.rootfs.path': 'lxc.rootfs.path is auto generated from rootfs',
    'lxc.rootfs.options': 'lxc.rootfs.options is not supported, please use mount point options in the "rootfs" key',
  }),
);

/** The verdict on one `lxc.*` key. */
export type LxcKeyVerdict =
  | { readonly kind: 'allowed' }
  | { readonly kind: 'renamed'; readonly message: string }
  | { readonly kind: 'deprecated'; readonly message: string }
  | { readonly kind: 'cgroup-v1'; readonly message: string }
  | { readonly kind: 'forbidden'; readonly message: string }
  | { readonly kind: 'unknown' };

const ALLOWED: LxcKeyVerdict = { kind: 'allowed' };
const UNKNOWN: LxcKeyVerdict = { kind: 'unknown' };

/** Checks an `lxc.*` key the way Proxmox does (spec §1.5), first matching rule wins. */
export function checkLxcKey(key: string): LxcKeyVerdict {
  // The allowed keys match none of the rules before theirs (no `lxc.limit.` prefix, none is a
  // deprecated name; the tests check it), so the common case can be answered first.
  if (allowedLxcKeys.has(key)) return ALLOWED;
  if (key.startsWith('lxc.limit.')) return { kind: 'renamed', message: `${key}: lxc.limit.* was renamed to lxc.prlimit.*` };
  const renamedTo = deprecatedLxcKeys[key];
  if (renamedTo !== undefined) return { kind: 'deprecated', message: `${key} is deprecated and was renamed to ${renamedTo}` };
  const forbidden = forbiddenLxcKeys[key];
  if (forbidden !== undefined) return { kind: 'forbidden', message: `${key}: ${forbidden}` };
  if (key.startsWith('lxc.cgroup.')) return { kind: 'cgroup-v1', message: `${key} is deprecated, this will be a hard error in the future!` };
  if (key.startsWith('lxc.cgroup2.') || key.startsWith('lxc.prlimit.') || key.startsWith('lxc.net.')) return ALLOWED;
  return UNKNOWN;
}
