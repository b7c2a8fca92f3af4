/**
 * Distribution and architecture detection as Proxmox's `PVE::LXC::Setup->new(conf, rootdir)` does
 * it at container create/start: parse os-release, choose the plugin (os-release `ID` and its
 * aliases, then fixed file probes, then the `unmanaged` fallback), warn when the configured
 * `ostype` differs, run the plugin's version checks, and detect `arch` when the config has none.
 * Everything printed is returned as data; failures are values that still name the plugin tried.
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeUtf8 } from '../encoding/utf8.js';
import { messageOfProxmoxText, proxmoxDiagnostic } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { isPerlTrue } from '../perl/index.js';
import {
  type Arch,
  type ArchDetected,
  type ArchDetectionFailure,
  detectElfArchitecture,
  detectNixosArchitecture,
} from './arch.js';
import { type FsSnapshot, isDirectory, isFile, readFile } from './fs-snapshot.js';
import { type OsRelease, readOsRelease } from './os-release.js';
import {
  type OsVersion,
  type PluginConstructor,
  type PluginErrorCode,
  alpinePlugin,
  archlinuxPlugin,
  centosPlugin,
  debianPlugin,
  devuanPlugin,
  fedoraPlugin,
  gentooPlugin,
  nixosPlugin,
  openeulerPlugin,
  susePlugin,
  ubuntuPlugin,
  unmanagedPlugin,
} from './plugin-version.js';

/** The plugin keys of the reference (also what a successful plugin writes into `ostype`). */
export const OS_TYPES = [
  'alpine',
  'archlinux',
  'centos',
  'debian',
  'devuan',
  'fedora',
  'gentoo',
  'openeuler',
  'opensuse',
  'ubuntu',
  'nixos',
  'unmanaged',
] as const;

/** A distribution plugin key. (The config schema's `ostype` enum lacks `openeuler`.) */
export type OsType = (typeof OS_TYPES)[number];

/** The Perl class of each plugin. */
export const PLUGIN_CLASSES = {
  alpine: 'PVE::LXC::Setup::Alpine',
  archlinux: 'PVE::LXC::Setup::ArchLinux',
  centos: 'PVE::LXC::Setup::CentOS',
  debian: 'PVE::LXC::Setup::Debian',
  devuan: 'PVE::LXC::Setup::Devuan',
  fedora: 'PVE::LXC::Setup::Fedora',
  gentoo: 'PVE::LXC::Setup::Gentoo',
  openeuler: 'PVE::LXC::Setup::OpenEuler',
  opensuse: 'PVE::LXC::Setup::SUSE',
  ubuntu: 'PVE::LXC::Setup::Ubuntu',
  nixos: 'PVE::LXC::Setup::NixOS',
  unmanaged: 'PVE::LXC::Setup::Unmanaged',
} as const satisfies Record<OsType, string>;

/** A plugin's Perl class name, e.g. `PVE::LXC::Setup::CentOS`. */
export type PluginClass = (typeof PLUGIN_CLASSES)[OsType];

/** os-release `ID` values that select another plugin. */
export const OS_ID_ALIASES: ReadonlyMap<string, OsType> = new Map([
  ['opensuse-leap', 'opensuse'],
  ['opensuse-tumbleweed', 'opensuse'],
  ['opensuse-slowroll', 'opensuse'],
  ['sles', 'opensuse'],
  ['openEuler', 'openeuler'],
  ['arch', 'archlinux'],
  ['rocky', 'centos'],
  ['almalinux', 'centos'],
]);

const PLUGINS: Readonly<Record<OsType, PluginConstructor>> = {
  alpine: alpinePlugin,
  archlinux: archlinuxPlugin,
  centos: centosPlugin,
  debian: debianPlugin,
  devuan: devuanPlugin,
  fedora: fedoraPlugin,
  gentoo: gentooPlugin,
  openeuler: openeulerPlugin,
  opensuse: susePlugin,
  ubuntu: ubuntuPlugin,
  nixos: nixosPlugin,
  unmanaged: unmanagedPlugin,
};

/** Whether a string is a plugin key. */
export function isOsType(value: string): value is OsType {
  return Object.prototype.hasOwnProperty.call(PLUGINS, value);
}

/** The config values detection reads (and would overwrite). */
export interface DetectConfig {
  readonly ostype?: string;
  readonly arch?: string;
}

/** Options of {@link detectOs}. */
export interface DetectOptions {
  /** The rootfs as it appears in host-path messages; default `<rootfs>` (the vectors' placeholder). */
  readonly rootfs?: string;
  /** An explicit plugin key, skipping detection (Setup->new's `type` argument; no production caller). */
  readonly type?: string;
}

/** How the resulting `arch` came about, and what architecture detection printed. */
export interface ArchOutcome {
  /** The config's `arch` afterwards. */
  readonly arch: string;
  /** `config`: already set, not detected; `detected`; `fallback`: amd64 after a failure or for Unmanaged. */
  readonly source: 'config' | 'detected' | 'fallback';
  /** The helper's failure, when detection ran and failed. */
  readonly failure?: ArchDetectionFailure;
  /** Lines printed on stdout, each ending in `\n`. */
  readonly stdout: readonly string[];
  /** Lines printed on stderr, each ending in `\n`. */
  readonly stderr: readonly string[];
}

/** A successful detection. Message lists hold each printed text exactly, ending in `\n`. */
export interface Detection {
  readonly type: OsType;
  readonly pluginClass: PluginClass;
  /** The plugin's version (see `PluginInit.version`); absent for Unmanaged. */
  readonly version?: OsVersion;
  readonly devuanVersion?: string;
  readonly osRelease: OsRelease;
  /** Warnings of detection and of the plugin constructor (stderr, before the architecture's). */
  readonly warnings: readonly DetectionWarning[];
  readonly arch: ArchOutcome;
  /** The config values afterwards: `ostype` is the plugin's key, `arch` set. */
  readonly config: { readonly ostype: OsType; readonly arch: string };
  /** Everything printed on stdout, in order. */
  readonly stdout: readonly string[];
  /** Everything printed on stderr, in order. */
  readonly stderr: readonly string[];
}

/** What `Setup->new` warns about and goes on (`proxmoxText` is the line it prints on stderr). */
export type DetectionWarningCode =
  /** os-release names an `ID` no plugin knows (`unknown ID '<id>' in /etc/os-release file, …`). */
  | 'DETECT_UNKNOWN_OS_ID'
  /** No os-release and no probe matched: the container is `unmanaged` (`… falling back to 'unmanaged'`). */
  | 'DETECT_FALLBACK_UNMANAGED'
  /** The detected OS differs from the config's `ostype` and the CT has no `/etc` (`WARNING: /etc not present in CT, …`). */
  | 'DETECT_NO_ETC'
  /** The detected OS differs from the config's `ostype` (`got unexpected ostype (<detected> != <configured>)`). */
  | 'DETECT_OSTYPE_MISMATCH'
  /** The distribution's version is newer than the versions the plugin was tested with (`… full compatibility cannot be guaranteed …`). */
  | 'DETECT_UNTESTED_VERSION';

/** A detection warning: `proxmoxText` is the line Proxmox prints, `message` the same without its newline. */
export type DetectionWarning = Diagnostic<DetectionWarningCode>;

const detectionWarning = (code: DetectionWarningCode, text: string): DetectionWarning =>
  proxmoxDiagnostic('warning', code, text);

/** Why `Setup->new` died. */
export type DetectionErrorCode =
  /** No file of the rootfs names a known distribution (`unable to detect OS distribution`). */
  | 'UNDETECTABLE'
  /** The config's `ostype` (or the detected one) has no setup plugin. */
  | 'NO_SUCH_OS_TYPE'
  | PluginErrorCode;

/**
 * A failed detection: a diagnostic (`path` `ostype`) whose `proxmoxText` is the exact text the
 * reference died with (ending in `\n`; `message` is it without the trailing newline), with what
 * was seen up to there.
 */
export interface DetectionError extends Diagnostic<DetectionErrorCode> {
  readonly proxmoxText: string;
  /** The plugin chosen, when one was (its constructor then died). */
  readonly type?: OsType;
  readonly pluginClass?: PluginClass;
  readonly osRelease: OsRelease;
  /** Warnings printed before dying. */
  readonly warnings: readonly DetectionWarning[];
  /** The config values afterwards (unchanged). */
  readonly config: DetectConfig;
  readonly stdout: readonly string[];
  readonly stderr: readonly string[];
}

/** `/etc/lsb-release` names Ubuntu (a line `DISTRIB_ID=Ubuntu`, any case). */
function lsbSaysUbuntu(snapshot: FsSnapshot): boolean {
  if (!isFile(snapshot, '/etc/lsb-release')) return false;
  const r = readFile(snapshot, '/etc/lsb-release');
  return E.isRight(r) && /^DISTRIB_ID=Ubuntu$/im.test(decodeUtf8(r.right));
}

/** The fixed file probes after os-release, in order. */
const FILE_PROBES: readonly (readonly [OsType, (s: FsSnapshot) => boolean])[] = [
  ['ubuntu', lsbSaysUbuntu],
  ['debian', (s) => isFile(s, '/etc/debian_version')],
  ['devuan', (s) => isFile(s, '/etc/devuan_version')],
  ['opensuse', (s) => isFile(s, '/etc/SuSE-brand') || isFile(s, '/etc/SuSE-release')],
  ['fedora', (s) => isFile(s, '/etc/fedora-release')],
  ['centos', (s) => isFile(s, '/etc/centos-release') || isFile(s, '/etc/redhat-release')],
  ['archlinux', (s) => isFile(s, '/etc/arch-release')],
  ['alpine', (s) => isFile(s, '/etc/alpine-release')],
  ['gentoo', (s) => isFile(s, '/etc/gentoo-release')],
  ['nixos', (s) => isDirectory(s, '/nix/store')],
  ['openeuler', (s) => isFile(s, '/etc/openEuler-release')],
];

type Choice = E.Either<{ readonly message: string }, OsType>;

/** Autodetection: os-release `ID` (plugin key or alias), then the file probes, then `unmanaged`. */
function autodetect(
  snapshot: FsSnapshot,
  osRelease: OsRelease,
  warnings: DetectionWarning[],
): Choice {
  const id = osRelease.get('ID');
  if (isPerlTrue(id)) {
    if (isOsType(id)) return E.right(id);
    const alias = OS_ID_ALIASES.get(id);
    if (alias !== undefined) return E.right(alias);
    warnings.push(
      detectionWarning(
        'DETECT_UNKNOWN_OS_ID',
        `unknown ID '${id}' in /etc/os-release file, trying fallback detection\n`,
      ),
    );
  }
  for (const [type, probe] of FILE_PROBES) if (probe(snapshot)) return E.right(type);
  if (isFile(snapshot, '/etc/os-release'))
    return E.left({ message: 'unable to detect OS distribution\n' });
  warnings.push(
    detectionWarning(
      'DETECT_FALLBACK_UNMANAGED',
      "/etc/os-release file not found and autodetection failed, falling back to 'unmanaged'\n",
    ),
  );
  return E.right('unmanaged');
}

const ARCH_FAILED = 'Architecture detection failed: error in setup task (eval)\n';
const ARCH_FALLBACK = 'Falling back to amd64.\nUse `pct set VMID --arch ARCH` to change.\n';

/** Architecture detection of `Setup->new`: only when `arch` is unset; Unmanaged never detects. */
export function detectArch(
  snapshot: FsSnapshot,
  type: OsType,
  configuredArch: string | undefined,
): ArchOutcome {
  if (configuredArch !== undefined)
    return { arch: configuredArch, source: 'config', stdout: [], stderr: [] };
  if (type === 'unmanaged')
    return { arch: 'amd64', source: 'fallback', stdout: [ARCH_FALLBACK], stderr: [] };
  const r: E.Either<ArchDetectionFailure, ArchDetected> =
    type === 'nixos'
      ? detectNixosArchitecture(snapshot)
      : detectElfArchitecture(snapshot, '/bin/sh');
  if (E.isRight(r))
    return { arch: r.right.arch, source: 'detected', stdout: r.right.stdout, stderr: [] };
  return {
    arch: 'amd64' satisfies Arch,
    source: 'fallback',
    failure: r.left,
    stdout: [ARCH_FALLBACK],
    stderr: [...r.left.stderr, ARCH_FAILED],
  };
}

/**
 * Reproduces `PVE::LXC::Setup->new(conf, rootdir)` on a snapshot of the container's rootfs:
 * the chosen plugin, its version, the config's resulting `ostype`/`arch`, and every message, or
 * the error it dies with (one {@link DetectionError}: a `Result` whose diagnostic carries what was
 * seen). Never throws.
 */
export function detectOs(
  snapshot: FsSnapshot,
  config: DetectConfig,
  options: DetectOptions = {},
): E.Either<readonly [DetectionError], Detection> {
  const rootfs = options.rootfs ?? '<rootfs>';
  const { osRelease } = readOsRelease(snapshot);
  const warnings: DetectionWarning[] = [];
  const printed = (): string[] => warnings.map((w) => w.proxmoxText ?? w.message);
  const failed = (
    code: DetectionErrorCode,
    message: string,
    type?: OsType,
  ): E.Either<readonly [DetectionError], never> =>
    E.left([
      {
        code,
        severity: 'error',
        message: messageOfProxmoxText(message),
        path: 'ostype',
        proxmoxText: message,
        ...(type === undefined ? {} : { type, pluginClass: PLUGIN_CLASSES[type] }),
        osRelease,
        warnings: [...warnings],
        config,
        stdout: [],
        stderr: printed(),
      },
    ]);

  let chosen: string;
  if (config.ostype === 'unmanaged') chosen = 'unmanaged';
  else if (options.type !== undefined) chosen = options.type;
  else {
    const detected = autodetect(snapshot, osRelease, warnings);
    if (E.isLeft(detected)) return failed('UNDETECTABLE', detected.left.message);
    chosen = detected.right;
    const expected = isPerlTrue(config.ostype) ? config.ostype : chosen;
    if (expected !== chosen) {
      if (!isDirectory(snapshot, '/etc'))
        warnings.push(
          detectionWarning(
            'DETECT_NO_ETC',
            'WARNING: /etc not present in CT, is the rootfs mounted?\n',
          ),
        );
      warnings.push(
        detectionWarning(
          'DETECT_OSTYPE_MISMATCH',
          `got unexpected ostype (${chosen} != ${expected})\n`,
        ),
      );
    }
  }
  if (!isOsType(chosen)) return failed('NO_SUCH_OS_TYPE', `no such OS type '${chosen}'\n`);
  const type = chosen;

  const init = PLUGINS[type]({ snapshot, osRelease, rootfs });
  if (E.isLeft(init)) return failed(init.left.code, init.left.message, type);
  for (const w of init.right.warnings)
    warnings.push(detectionWarning('DETECT_UNTESTED_VERSION', w));

  const arch = detectArch(snapshot, type, config.arch);
  return E.right({
    type,
    pluginClass: PLUGIN_CLASSES[type],
    ...(init.right.version === undefined ? {} : { version: init.right.version }),
    ...(init.right.devuanVersion === undefined ? {} : { devuanVersion: init.right.devuanVersion }),
    osRelease,
    warnings,
    arch,
    config: { ostype: type, arch: arch.arch },
    stdout: arch.stdout,
    stderr: [...printed(), ...arch.stderr],
  });
}
