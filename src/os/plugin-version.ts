/**
 * The version checks of Proxmox's distribution plugin constructors (`PVE::LXC::Setup::<Plugin>->new`):
 * where each plugin reads its version, how it parses it, what it accepts, and the exact messages
 * (errors end in `\n` like Perl `die` texts; warnings are the lines printed on stderr).
 *
 * Proxmox reads the version files on the host as `<rootfs>/etc/...`; here they are read from the
 * snapshot with chroot semantics (identical for every ordinary template), and `rootfs` only
 * appears in messages.
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeUtf8 } from '../encoding/utf8.js';
import { PERL_SPACE, perlNumber } from '../perl/index.js';
import { type FsSnapshot, errnoMessage, readFile } from './fs-snapshot.js';
import type { OsRelease } from './os-release.js';

/** A plugin's version as Proxmox holds it (see {@link PluginInit.version}). */
export type OsVersion = number | string | null;

/** What a plugin constructor keeps. */
export interface PluginInit {
  /**
   * Debian, Devuan: integer (Devuan: the Debian release it maps to); Arch, Gentoo, NixOS: `0`;
   * Alpine: first line of `/etc/alpine-release` or `null`; CentOS: `N.N`/`N` from
   * `/etc/redhat-release`; Fedora, openEuler, SUSE: os-release `VERSION_ID`; Ubuntu:
   * `DISTRIB_RELEASE`. Absent for Unmanaged.
   */
  readonly version?: OsVersion;
  /** Devuan: the lower-cased first line of `/etc/devuan_version`. */
  readonly devuanVersion?: string;
  /** Warnings the constructor printed, each ending in `\n`. */
  readonly warnings: readonly string[];
}

/** Why a plugin constructor died. */
export type PluginErrorCode =
  /** The file that holds the distribution's version cannot be read. */
  | 'VERSION_UNREADABLE'
  /** The version file does not say a version the plugin understands. */
  | 'VERSION_UNPARSABLE'
  /** The version is outside the range the plugin supports. */
  | 'VERSION_UNSUPPORTED'
  /** A file the plugin needs cannot be read. */
  | 'FILE_UNREADABLE'
  /** `/etc/lsb-release` names a distribution the Ubuntu plugin does not know. */
  | 'UNKNOWN_DISTRIB_ID';

/** A plugin constructor's death: `message` is the exact text it died with. */
export interface PluginError {
  readonly code: PluginErrorCode;
  readonly message: string;
}

/** Inputs of a plugin constructor. */
export interface PluginContext {
  readonly snapshot: FsSnapshot;
  readonly osRelease: OsRelease;
  /** The host path of the rootfs, only used in messages (`<rootfs>` in the reference vectors). */
  readonly rootfs: string;
}

export type PluginConstructor = (ctx: PluginContext) => E.Either<PluginError, PluginInit>;

const die = (code: PluginErrorCode, message: string): E.Either<PluginError, never> =>
  E.left({ code, message });
const ok = (
  version: OsVersion | undefined,
  warnings: readonly string[] = [],
): E.Either<never, PluginInit> =>
  E.right(version === undefined ? { warnings } : { version, warnings });

/** Perl's numeric value of a string (kept here for the importers of this module). */
export { perlNumber };

/**
 * PVE's `file_read_firstline`: the first line without its LF; `undefined` when the file cannot be
 * read or is empty.
 */
export function readFirstLine(snapshot: FsSnapshot, path: string): string | undefined {
  const r = readFile(snapshot, path);
  if (E.isLeft(r) || r.right.length === 0) return undefined;
  const bytes = r.right;
  const newline = bytes.indexOf(0x0a);
  return decodeUtf8(newline < 0 ? bytes : bytes.subarray(0, newline));
}

const UNREADABLE = 'unable to read version info\n';

const DEBIAN_CODENAMES: ReadonlyMap<string, string> = new Map([
  ['stretch/sid', '9.1'],
  ['buster/sid', '10'],
  ['bullseye/sid', '11'],
  ['bookworm/sid', '12'],
  ['trixie/sid', '13'],
  ['forky/sid', '14'],
  ['duke/sid', '15'],
  ['kali-rolling', '12'],
]);

/** The newest Debian release the reference was tested with. */
export const DEBIAN_TESTED_VERSION = 14;

/** Debian: first line of `/etc/debian_version`, codenames mapped, integer part kept, < 4 rejected. */
export const debianPlugin: PluginConstructor = ({ snapshot }) => {
  const line = readFirstLine(snapshot, '/etc/debian_version');
  if (line === undefined) return die('VERSION_UNREADABLE', UNREADABLE);
  const mapped = DEBIAN_CODENAMES.get(line) ?? line;
  const m = /^(\d+)(\.\d+)?(\.\d+)?/.exec(mapped);
  if (!m) return die('VERSION_UNPARSABLE', `unable to parse version info '${mapped}'\n`);
  const version = Number.parseInt(m[1] as string, 10);
  if (version < 4)
    return die('VERSION_UNSUPPORTED', `Container Debian version '${version}' is too old\n`);
  const warnings =
    version > DEBIAN_TESTED_VERSION
      ? [
          `The container's Debian version '${version}' is newer than the tested version '${DEBIAN_TESTED_VERSION}'. ` +
            'While everything may work fine, full compatibility cannot be guaranteed. Please check for PVE system updates.\n',
        ]
      : [];
  return ok(version, warnings);
};

const DEVUAN_RELEASES: ReadonlyMap<string, number> = new Map([
  ['jessie', 8],
  ['ascii', 9],
  ['ascii/ceres', 9],
  ['beowulf', 10],
  ['beowulf/ceres', 10],
  ['chimaera', 11],
  ['chimaera/ceres', 11],
  ['daedalus', 12],
  ['daedalus/ceres', 12],
  ['excalibur', 13],
  ['excalibur/ceres', 13],
]);

/** Devuan: lower-cased first line of `/etc/devuan_version`, mapped to its Debian release. */
export const devuanPlugin: PluginConstructor = ({ snapshot }) => {
  const line = readFirstLine(snapshot, '/etc/devuan_version');
  if (line === undefined) return die('VERSION_UNREADABLE', UNREADABLE);
  const devuanVersion = line.toLowerCase();
  const version = DEVUAN_RELEASES.get(devuanVersion);
  if (version === undefined)
    return die('VERSION_UNSUPPORTED', `unsupported Devuan version '${devuanVersion}'\n`);
  return E.right({ version, devuanVersion, warnings: [] });
};

/** Ubuntu releases the reference knows: 12.04, 14.04, 15.04–16.10, then every .04/.10 to 26.10. */
export const UBUNTU_KNOWN_VERSIONS: ReadonlySet<string> = new Set([
  '12.04',
  '14.04',
  '15.04',
  '15.10',
  '16.04',
  '16.10',
  ...Array.from({ length: 10 }, (_, i) => [`${17 + i}.04`, `${17 + i}.10`]).flat(),
]);

/** Ubuntu: `DISTRIB_ID=Ubuntu` and `DISTRIB_RELEASE=N.N` from `/etc/lsb-release` (which must exist). */
export const ubuntuPlugin: PluginConstructor = ({ snapshot, rootfs }) => {
  const r = readFile(snapshot, '/etc/lsb-release');
  if (E.isLeft(r))
    return die(
      'FILE_UNREADABLE',
      `can't open '${rootfs}/etc/lsb-release' - ${errnoMessage(r.left[0].code)}\n`,
    );
  const text = decodeUtf8(r.right);
  if (!/^DISTRIB_ID=Ubuntu$/im.test(text))
    return die('UNKNOWN_DISTRIB_ID', 'got unknown DISTRIB_ID\n');
  const m = /^DISTRIB_RELEASE=(\d+\.\d+)$/im.exec(text);
  if (!m) return die('VERSION_UNREADABLE', UNREADABLE);
  const version = m[1] as string;
  if (UBUNTU_KNOWN_VERSIONS.has(version)) return ok(version);
  if (perlNumber(version) < 17) {
    return die('VERSION_UNSUPPORTED', `unsupported ancient Ubuntu version '${version}'\n`);
  }
  return ok(version, [
    `The container's Ubuntu version '${version}' is not in the known version list. As it's newer than the ` +
      "minimum supported version it's likely to work OK, but full compatibility cannot be guaranteed. " +
      'Please check for PVE system updates.\n',
  ]);
};

// Perl `\s` and `\d` on bytes: ASCII only.
const CENTOS_RELEASE_RE = new RegExp(`release${PERL_SPACE}+([0-9]+\\.[0-9]+)(?:\\.[0-9]+)?`);
const CENTOS_RELEASE_MAJOR_RE = new RegExp(`release${PERL_SPACE}+([0-9]+)`);

/** CentOS family: `release N.N` (or `release N`) from the first line of `/etc/redhat-release`, 5 ≤ v < 11. */
export const centosPlugin: PluginConstructor = ({ snapshot }) => {
  const line = readFirstLine(snapshot, '/etc/redhat-release');
  if (line === undefined) return die('VERSION_UNREADABLE', UNREADABLE);
  const m = CENTOS_RELEASE_RE.exec(line) ?? CENTOS_RELEASE_MAJOR_RE.exec(line);
  if (!m) return die('VERSION_UNPARSABLE', `unable to parse centos version '${line}'\n`);
  const version = m[1] as string;
  const n = perlNumber(version);
  if (n < 5 || n >= 11)
    return die('VERSION_UNSUPPORTED', `unsupported centos version '${version}'\n`);
  return ok(version);
};

/** A plugin that takes os-release `VERSION_ID` and rejects it below `min` (Fedora 22, openEuler 24). */
function versionIdPlugin(label: string, min: number): PluginConstructor {
  return ({ osRelease }) => {
    const version = osRelease.get('VERSION_ID');
    if (version === undefined || perlNumber(version) < min) {
      return die('VERSION_UNSUPPORTED', `unsupported ${label} release '${version ?? ''}'\n`);
    }
    return ok(version);
  };
}

/** Fedora: os-release `VERSION_ID` ≥ 22. */
export const fedoraPlugin = versionIdPlugin('Fedora', 22);

/** openEuler: os-release `VERSION_ID` ≥ 24. */
export const openeulerPlugin = versionIdPlugin('openEuler', 24);

/**
 * Where Perl's `die` without a newline says it happened, for SUSE's `unrecognized suse release`.
 * The line number is not known from the reference data.
 */
export const SUSE_UNRECOGNIZED_LOCATION = 'pve-container/src/PVE/LXC/Setup/SUSE.pm line ?';

/** SUSE: `M.m` (42+, 13.0–13.2, 15.x, 16.x, SLES 12.x) or a Tumbleweed date `YYYYMMDD` ≥ 2017. */
export const susePlugin: PluginConstructor = ({ osRelease }) => {
  const version = osRelease.get('VERSION_ID');
  const id = osRelease.get('ID');
  const dotted = version === undefined ? null : /^(\d+)\.(\d+)$/.exec(version);
  if (version !== undefined && dotted) {
    const major = Number(dotted[1]);
    const minor = Number(dotted[2]);
    const accepted =
      major >= 42 ||
      (major === 13 && minor <= 2) ||
      (id === 'sles' && major === 12) ||
      major === 15 ||
      major === 16;
    return accepted
      ? ok(version)
      : die('VERSION_UNSUPPORTED', `unsupported suse release '${version}'\n`);
  }
  const date = version === undefined ? null : /^(\d{4})(\d{2})(\d{2})$/.exec(version);
  if (version !== undefined && date) {
    const accepted = Number(date[1]) >= 2017 && Number(date[2]) <= 12 && Number(date[3]) <= 31;
    return accepted
      ? ok(version)
      : die('VERSION_UNSUPPORTED', `unsupported suse tumbleweed release '${version}'\n`);
  }
  return die('VERSION_UNPARSABLE', `unrecognized suse release at ${SUSE_UNRECOGNIZED_LOCATION}.\n`);
};

/** Alpine: first line of `/etc/alpine-release`, `null` when missing; no checks. */
export const alpinePlugin: PluginConstructor = ({ snapshot }) =>
  ok(readFirstLine(snapshot, '/etc/alpine-release') ?? null);

/** Arch Linux: no version source (0). */
export const archlinuxPlugin: PluginConstructor = () => ok(0);

/** Gentoo: first line of `/etc/gentoo-release` must be `Gentoo Base System release …`; version 0. */
export const gentooPlugin: PluginConstructor = ({ snapshot }) => {
  const line = readFirstLine(snapshot, '/etc/gentoo-release');
  if (line === undefined) return die('VERSION_UNREADABLE', UNREADABLE);
  if (!/^gentoo base system release/i.test(line)) {
    return die('VERSION_UNPARSABLE', `unrecognized gentoo version: ${line}\n`);
  }
  return ok(0);
};

/** NixOS: no version source (0). */
export const nixosPlugin: PluginConstructor = () => ok(0);

/** Unmanaged: keeps no version. */
export const unmanagedPlugin: PluginConstructor = () => ok(undefined);
