/**
 * fast-check arbitraries for root-filesystem snapshots ({@link FsSnapshot}), the input of OS
 * detection and the setup planners: random trees of files, directories and symlinks (relative,
 * absolute, dangling, looping — the cases chroot path resolution must survive), and distribution
 * roots with the marker files and `/bin/sh` ELF header that detection reads.
 */
import fc from 'fast-check';
import { fsSnapshot } from '../os/fs-snapshot.js';
import type { FsEntryInput, FsSnapshot } from '../os/fs-snapshot.js';

/** The input of `fsSnapshot()`: container path → file text, bytes, or an entry description. */
export type FsSnapshotInput = Readonly<Record<string, FsEntryInput>>;

/** Options of {@link fsSnapshotInput} and {@link rootfsSnapshot}. */
export interface FsSnapshotOptions {
  /** Most entries in the random part of the tree (default 12). */
  readonly maxEntries?: number;
  /** Include symlinks (default true). */
  readonly symlinks?: boolean;
}

const component = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('etc', 'bin', 'usr', 'lib', 'var', 'sbin', 'home', 'root', 'tmp', 'network', 'init.d', 'hosts', 'hostname', 'resolv.conf') },
  { weight: 1, arbitrary: fc.constantFrom('a', 'b', 'c', 'x.conf', '.hidden', 'with space', 'ü') },
);
const path = fc.array(component, { minLength: 1, maxLength: 4 }).map((c) => '/' + c.join('/'));
const owner = fc.constantFrom(0, 0, 0, 100000, 1000);
const fileMode = fc.constantFrom(0o644, 0o600, 0o755, 0o640, 0o444);
const dirMode = fc.constantFrom(0o755, 0o700, 0o1777);

const entry = (symlinks: boolean): fc.Arbitrary<FsEntryInput> => {
  const file = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.uint8Array({ maxLength: 24 }),
    fc.record({ file: fc.string({ maxLength: 40 }), mode: fileMode, uid: owner, gid: owner }),
  );
  const dir = fc.record({ dir: fc.constant(true as const), mode: dirMode, uid: owner, gid: owner });
  const link = fc.record({
    symlink: fc.oneof(
      path, // absolute: re-rooted at the rootfs
      fc.array(fc.oneof(component, fc.constantFrom('..', '.')), { minLength: 1, maxLength: 4 }).map((c) => c.join('/')),
    ),
  });
  return symlinks
    ? fc.oneof({ weight: 5, arbitrary: file }, { weight: 2, arbitrary: dir }, { weight: 2, arbitrary: link })
    : fc.oneof({ weight: 5, arbitrary: file }, { weight: 2, arbitrary: dir });
};

/**
 * A random tree as the input record of `fsSnapshot()` (shrinks well and prints readably in a
 * counterexample). Paths may collide with each other's parents; `fsSnapshot` resolves that as the
 * effects reader does (the later entry wins, parents are implied directories).
 */
export function fsSnapshotInput(options: FsSnapshotOptions = {}): fc.Arbitrary<FsSnapshotInput> {
  return fc
    .uniqueArray(fc.tuple(path, entry(options.symlinks !== false)), { maxLength: options.maxEntries ?? 12, selector: ([p]) => p })
    .map((pairs) => Object.fromEntries(pairs));
}

/** An architecture {@link elfHeader} can write. */
export type ElfArch = 'amd64' | 'i386' | 'arm64' | 'armhf' | 'riscv64';

/** The ELF machine numbers of {@link ElfArch}. */
const ELF_MACHINE: Readonly<Record<ElfArch, number>> = { amd64: 0x3e, i386: 0x03, arm64: 0xb7, armhf: 0x28, riscv64: 0xf3 };

/**
 * The first 20 bytes of a little-endian ELF shared object for `arch`, enough for Proxmox's
 * architecture check (magic, class, and the machine number it reads from bytes 17–18).
 */
export function elfHeader(arch: ElfArch): Uint8Array {
  const bytes = new Uint8Array(20);
  const elfClass = arch === 'i386' || arch === 'armhf' ? 1 : 2;
  bytes.set([0x7f, 0x45, 0x4c, 0x46, elfClass, 1, 1]);
  bytes[16] = 3; // e_type ET_DYN, little endian
  bytes[18] = ELF_MACHINE[arch]; // e_machine, little endian (every machine here is < 256)
  return bytes;
}

/** The files that make a distribution recognisable, by the `ostype` detection should choose. */
const DISTRIBUTIONS: Readonly<Record<string, FsSnapshotInput>> = {
  debian: {
    '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n',
    '/etc/debian_version': '12.5\n',
  },
  ubuntu: {
    '/etc/os-release': 'NAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\nID_LIKE=debian\n',
    '/etc/lsb-release': 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=24.04\n',
    '/etc/debian_version': 'trixie/sid\n',
  },
  devuan: { '/etc/devuan_version': 'daedalus\n', '/etc/os-release': 'ID=devuan\nVERSION_ID="5"\n' },
  alpine: { '/etc/alpine-release': '3.20.0\n', '/etc/os-release': 'ID=alpine\nVERSION_ID=3.20.0\n' },
  fedora: { '/etc/fedora-release': 'Fedora release 40 (Forty)\n', '/etc/os-release': 'ID=fedora\nVERSION_ID=40\n' },
  centos: { '/etc/redhat-release': 'CentOS Stream release 9\n', '/etc/os-release': 'ID="centos"\nVERSION_ID="9"\n' },
  archlinux: { '/etc/arch-release': '', '/etc/os-release': 'ID=arch\n' },
  gentoo: { '/etc/gentoo-release': 'Gentoo Base System release 2.14\n', '/etc/os-release': 'ID=gentoo\n' },
  opensuse: { '/etc/SuSE-brand': 'openSUSE\nVERSION = 15.5\n', '/etc/os-release': 'ID="opensuse-leap"\nVERSION_ID="15.5"\n' },
};

/** The distributions {@link distributionRootfs} makes, as `ostype` values. */
export const DISTRIBUTION_OS_TYPES = Object.keys(DISTRIBUTIONS) as readonly string[];

/**
 * A distribution root as `fsSnapshot()` input: the marker files of one of
 * {@link DISTRIBUTION_OS_TYPES}, `/bin/sh` as an ELF header for a random architecture, a few
 * standard directories, and sometimes a random tree beside them (which never replaces `/etc` or
 * `/bin/sh`). `ostype` and `arch` say what detection should find.
 */
export function distributionRootfsInput(
  options: FsSnapshotOptions = {},
): fc.Arbitrary<{ readonly ostype: string; readonly arch: ElfArch; readonly input: FsSnapshotInput }> {
  return fc
    .tuple(
      fc.constantFrom(...DISTRIBUTION_OS_TYPES),
      fc.constantFrom(...(Object.keys(ELF_MACHINE) as ElfArch[])),
      fc.option(fsSnapshotInput({ ...options, maxEntries: options.maxEntries ?? 6 }), { nil: undefined }),
    )
    .map(([ostype, arch, extra]) => {
      const keep = (p: string): boolean => !/^\/(etc|bin|usr)(\/|$)/.test(p);
      const random = extra === undefined ? {} : Object.fromEntries(Object.entries(extra).filter(([p]) => keep(p)));
      const input: FsSnapshotInput = {
        ...random,
        '/etc': { dir: true },
        '/etc/hostname': 'localhost\n',
        '/etc/hosts': '127.0.0.1 localhost\n',
        '/usr/bin': { dir: true },
        '/bin/sh': { file: elfHeader(arch), mode: 0o755 },
        ...(DISTRIBUTIONS[ostype] as FsSnapshotInput),
      };
      return { ostype, arch, input };
    });
}

/** A random root-filesystem snapshot (see {@link fsSnapshotInput}). */
export function rootfsSnapshot(options: FsSnapshotOptions = {}): fc.Arbitrary<FsSnapshot> {
  return fsSnapshotInput(options).map((input) => fsSnapshot(input));
}

/** A distribution's root filesystem as a snapshot, with what detection should find. */
export function distributionRootfs(
  options: FsSnapshotOptions = {},
): fc.Arbitrary<{ readonly ostype: string; readonly arch: ElfArch; readonly snapshot: FsSnapshot }> {
  return distributionRootfsInput(options).map(({ ostype, arch, input }) => ({ ostype, arch, snapshot: fsSnapshot(input) }));
}
