/**
 * `readHostFacts`: the host facts of the running machine, for `planLxcConfig` — what `pct start`
 * would find on this host. Every fact degrades to its "absent" value on a host that is not Proxmox
 * (no LXC, no bridges, no cgroup2 mount…): the function never throws. Linux paths throughout.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { release } from 'node:os';
import type { CpusetEffective, HostDeviceNode, HostFacts } from '../start/host-facts.js';

/** What to look up besides the host-wide facts (see `factsQuery` in pctkit/start). */
export interface ReadHostFactsOptions {
  /** The container id: `ctDirExists` is whether `/var/lib/lxc/<vmid>/` exists (false without one). */
  readonly vmid?: number;
  /** Bridges whose MTU to read; default: every bridge of the host. */
  readonly bridges?: readonly string[];
  /** Host paths of passthrough devices to stat. */
  readonly devicePaths?: readonly string[];
}

function attempt<T>(read: () => T, absent: T): T {
  try {
    return read();
  } catch {
    return absent;
  }
}

function readText(path: string): string | null {
  return attempt<string | null>(() => readFileSync(path, 'utf8'), null);
}

function lxcVersionOutput(): string {
  return attempt(
    () =>
      execFileSync('lxc-start', ['--version'], {
        encoding: 'utf8',
        timeout: 5000,
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    '',
  );
}

/** The file system type mounted last on `/sys/fs/cgroup` (2 for cgroup2, 1 for anything else). */
function cgroupMode(): 1 | 2 | null {
  const mounts = readText('/proc/mounts');
  if (mounts === null) return null;
  let mode: 1 | 2 | null = null;
  for (const line of mounts.split('\n')) {
    const [, target, fstype] = line.split(' ');
    if (target === '/sys/fs/cgroup') mode = fstype === 'cgroup2' ? 2 : 1;
  }
  return mode;
}

/** Controllers of the v1 hierarchies this process is in (`/proc/self/cgroup`, hierarchy ≠ 0). */
function cgroupV1Controllers(): string[] {
  const text = readText('/proc/self/cgroup') ?? '';
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\d+):([^:]*):/.exec(line);
    if (m === null || m[1] === '0' || m[2] === '') continue;
    for (const c of (m[2] as string).split(',')) if (!out.includes(c)) out.push(c);
  }
  return out;
}

function cgroupV2Controllers(mode: 1 | 2 | null): string[] | null {
  const text = readText(
    mode === 2 ? '/sys/fs/cgroup/cgroup.controllers' : '/sys/fs/cgroup/unified/cgroup.controllers',
  );
  return text === null ? null : text.split(/[ \t\n]+/).filter((c) => c !== '');
}

function cpusetEffective(): Record<string, CpusetEffective> {
  const out: Record<string, CpusetEffective> = {};
  const candidates: Array<[string, 1 | 2]> = [
    ['/sys/fs/cgroup', 2],
    ['/sys/fs/cgroup/unified', 2],
    ['/sys/fs/cgroup/cpuset', 1],
  ];
  for (const [base, version] of candidates) {
    for (const dir of [base, `${base}/lxc`]) {
      const text = readText(
        `${dir}/${version === 2 ? 'cpuset.cpus.effective' : 'cpuset.effective_cpus'}`,
      );
      if (text !== null) out[dir] = { version, cpus: text.replace(/\n$/, '') };
    }
  }
  return out;
}

const SAFE_NAME = /^[^/\0]+$/;

function hostBridges(): string[] {
  return attempt(
    () =>
      readdirSync('/sys/class/net').filter((name) => existsSync(`/sys/class/net/${name}/bridge`)),
    [],
  );
}

function bridgeMtu(bridges: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const bridge of bridges) {
    if (!SAFE_NAME.test(bridge) || bridge === '.' || bridge === '..') continue;
    const text = readText(`/sys/class/net/${bridge}/mtu`);
    const mtu = text === null ? NaN : Number.parseInt(text, 10);
    if (Number.isSafeInteger(mtu) && mtu >= 0) out[bridge] = mtu;
  }
  return out;
}

/** Linux `dev_t` → major and minor (glibc's `gnu_dev_major`/`gnu_dev_minor`). */
function splitRdev(rdev: bigint): { major: number; minor: number } {
  const major = ((rdev >> 8n) & 0xfffn) | ((rdev >> 32n) & ~0xfffn);
  const minor = (rdev & 0xffn) | ((rdev >> 12n) & ~0xffn);
  return { major: Number(major), minor: Number(minor) };
}

function deviceNode(path: string): HostDeviceNode | undefined {
  return attempt<HostDeviceNode | undefined>(() => {
    const st = statSync(path, { bigint: true });
    if (st.isCharacterDevice()) return { type: 'c', ...splitRdev(st.rdev) } as HostDeviceNode;
    if (st.isBlockDevice()) return { type: 'b', ...splitRdev(st.rdev) } as HostDeviceNode;
    return { type: st.isDirectory() ? 'dir' : 'file' };
  }, undefined);
}

function oldSocket(): HostFacts['syscalldOldSocket'] {
  return attempt<HostFacts['syscalldOldSocket']>(
    () => (lstatSync('/run/pve/lxc-syscalld.sock').isSymbolicLink() ? 'symlink' : 'file'),
    'absent',
  );
}

/** The host facts of this machine (never throws; absent facts read as absent). */
export function readHostFacts(options: ReadHostFactsOptions = {}): HostFacts {
  const mode = cgroupMode();
  const devices: Record<string, HostDeviceNode> = {};
  for (const path of options.devicePaths ?? []) {
    const node = deviceNode(path);
    if (node !== undefined) devices[path] = node;
  }
  return {
    lxcVersionOutput: lxcVersionOutput(),
    lxcConfigFiles: attempt(() => readdirSync('/usr/share/lxc/config').sort(), [] as string[]),
    commonSeccomp: readText('/usr/share/lxc/config/common.seccomp'),
    kernelRelease: attempt(() => release(), ''),
    syscalldNewSocket: existsSync('/run/pve-lxc-syscalld/socket'),
    syscalldOldSocket: oldSocket(),
    cgroupMode: mode,
    cgroupV1Controllers: cgroupV1Controllers(),
    cgroupV2Controllers: cgroupV2Controllers(mode),
    cpusetEffective: cpusetEffective(),
    bridgeMtu: bridgeMtu(options.bridges ?? hostBridges()),
    devices,
    ctDirExists: options.vmid !== undefined && existsSync(`/var/lib/lxc/${options.vmid}`),
  } as HostFacts;
}
