/**
 * `planLxcConfig`: what `pct start` writes to `/var/lib/lxc/<vmid>/config` (and, for a
 * user-namespaced container, `rules.seccomp`) before LXC runs — Proxmox's `update_lxc_config`
 * (spec A.1) as a pure function of the PVE config, the host facts, the container id and a random
 * source. The lines come in Proxmox's order; each block lives in its own module.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigSection, ConfigValue } from '../config/model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { errorDiagnostic } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import type { RandomSource } from '../random/random-source.js';
import { rootfsFormat } from '../schema/formats/mount-point.js';
import { isPerlTrue, perlSplit } from '../perl/index.js';
import type { HostFacts } from './host-facts.js';
import { addApparmorLines } from './lxc-apparmor.js';
import { addCgroupDirLines, addCpusetLine, addLimitLines } from './lxc-cgroup.js';
import { addDeviceLines } from './lxc-devices.js';
import type { StaleNoEntry } from './lxc-devices.js';
import { parseFeatures, sectionProperty } from './lxc-features.js';
import { addDefaultIdmapLines, isUserNamespaced } from './lxc-idmap.js';
import { LxcLines } from './lxc-lines.js';
import { addNetworkLines } from './lxc-network.js';
import { addSeccompLines } from './lxc-seccomp.js';
import { parseLxcVersion } from './lxc-version.js';
import type { LxcConfigCode, LxcConfigDiagnostic } from './start-diagnostics.js';
import { StartStop, startError, stop } from './start-diagnostics.js';

/** Parameters of {@link planLxcConfig} that are not host facts. */
export interface LxcConfigOptions {
  /** The container id (paths, `veth<vmid>i<N>`, `CT<vmid>`, the seccomp cookie). */
  readonly vmid: number;
  /**
   * The random source for the CPUs chosen for `cores` (and MAC addresses of NICs without
   * `hwaddr`): `drand48(seed)` reproduces Proxmox after `srand(seed)`.
   */
  readonly random: RandomSource;
  /** The datacenter's `mac_prefix` for NICs without `hwaddr` (default `BC:24:11`). */
  readonly macPrefix?: string;
  /**
   * Proxmox's quirks, reproduced by default. `staleDeviceCheck: false` checks a passthrough device
   * only against the facts, without the stale "no such file" condition that makes Proxmox report
   * `Device <path> does not exist` for a device that exists (docs/start.md).
   */
  readonly quirks?: { readonly staleDeviceCheck?: boolean };
}

/** The files of an LXC config plan. */
export interface LxcConfigFiles {
  /** The text of `/var/lib/lxc/<vmid>/config`. */
  readonly config: string;
  /** The text of `/var/lib/lxc/<vmid>/rules.seccomp`, when the step writes it. */
  readonly rulesSeccomp?: string;
}

/** What the step computes: the files (`null` for a template: nothing is written) and what it printed. */
export interface LxcConfigPlan {
  readonly files: LxcConfigFiles | null;
  /** Warnings Proxmox prints (`proxmoxText`), in order, and pctkit's notices. */
  readonly warnings: readonly Diagnostic<LxcConfigCode>[];
}

/**
 * Line numbers of Proxmox's `die`s without a trailing newline (Perl appends ` at … line N.`):
 * `arch` is from the vectors, `ostype` is inferred (unverified; docs/differences-from-proxmox.md).
 */
const MISSING_ARCH_LINE = 729;
const MISSING_OSTYPE_LINE = 735;

const LXC_CONFIG_DIR = '/usr/share/lxc/config';

function text(value: ConfigValue | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

/** The include file for `<ostype>.<suffix>`, falling back to `<suffix>` (a failed lookup). */
function includeFile(
  ostype: string,
  suffix: string,
  facts: HostFacts,
  errno: StaleNoEntry,
): string {
  const specific = `${ostype}.${suffix}`;
  if (facts.lxcConfigFiles.includes(specific)) return `${LXC_CONFIG_DIR}/${specific}`;
  errno.stale = true;
  return `${LXC_CONFIG_DIR}/${suffix}`;
}

interface Built {
  readonly lines: LxcLines;
  readonly rules: string | undefined;
}

function build(
  section: ConfigSection,
  facts: HostFacts,
  options: LxcConfigOptions,
  warnings: LxcConfigDiagnostic[],
): Built | null {
  const values = section.values;
  if (isPerlTrue(values['template'])) return null;
  const lines = new LxcLines();
  const { vmid } = options;
  if (!Number.isSafeInteger(vmid) || vmid < 0) {
    stop(errorDiagnostic('LXC_INVALID_VMID', `invalid container id ${String(vmid)}`));
  }

  const version = parseLxcVersion(facts.lxcVersionOutput);
  if (version === undefined) stop(startError('LXC_VERSION_UNKNOWN', 'failed to get lxc version\n'));
  addCgroupDirLines(lines, vmid, version.major);
  // Creating /var/lib/lxc/<vmid>/ looks it up first and fails with "no such file".
  const errno: StaleNoEntry = {
    stale: !facts.ctDirExists,
    ignored: options.quirks?.staleDeviceCheck === false,
  };

  const arch = values['arch'];
  if (!isPerlTrue(arch))
    stop(
      startError(
        'LXC_MISSING_ARCH',
        "missing 'arch' - internal error",
        { path: 'arch' },
        MISSING_ARCH_LINE,
      ),
    );
  lines.add('lxc.arch', String(arch), 'arch');

  const userns = isUserNamespaced(section);
  const ostype = values['ostype'];
  if (!isPerlTrue(ostype))
    stop(
      startError(
        'LXC_MISSING_OSTYPE',
        "missing 'ostype' - internal error",
        { path: 'ostype' },
        MISSING_OSTYPE_LINE,
      ),
    );
  lines.add('lxc.include', includeFile(String(ostype), 'common.conf', facts, errno), 'ostype');
  if (userns)
    lines.add('lxc.include', includeFile(String(ostype), 'userns.conf', facts, errno), 'ostype');

  const features = parseFeatures(section);
  const seccomp = addSeccompLines(lines, warnings, userns, features, section.lxc, facts, vmid);
  if (seccomp.rules !== undefined) errno.stale = false;
  addApparmorLines(lines, warnings, features, section.lxc);
  if (userns && !features.forceRwSys) lines.add('lxc.mount.auto', 'sys:mixed');
  const entrypoint = values['entrypoint'];
  if (isPerlTrue(entrypoint) && entrypoint !== '/sbin/init') {
    lines.add('lxc.mount.entry', 'shm dev/shm tmpfs rw,nosuid,nodev,create=dir 0 0');
  }
  addDeviceLines(lines, section, facts, errno);
  lines.add('lxc.monitor.unshare', '1');
  addDefaultIdmapLines(lines, section);

  const consoleValue = values['console'];
  if (consoleValue !== undefined && !isPerlTrue(consoleValue)) {
    lines.add('lxc.console.path', 'none');
    if (facts.cgroupV2Controllers !== null) lines.add('lxc.cgroup2.devices.deny', 'c 5:1 rwm');
  }
  lines.add('lxc.tty.max', text(values['tty']) ?? '2', 'tty');
  lines.add('lxc.environment', 'TERM=linux');
  const hostname = values['hostname'];
  lines.add('lxc.uts.name', isPerlTrue(hostname) ? String(hostname) : `CT${vmid}`, 'hostname');
  addLimitLines(lines, values, facts);

  const rootfs = values['rootfs'];
  if (rootfs === undefined)
    stop(startError('LXC_MISSING_ROOTFS', "missing 'rootfs' configuration\n", { path: 'rootfs' }));
  sectionProperty(section, 'rootfs', rootfsFormat);
  lines.add('lxc.rootfs.path', `/var/lib/lxc/${vmid}/rootfs`);
  if (entrypoint !== undefined) lines.add('lxc.init.cmd', String(entrypoint), 'entrypoint');

  addNetworkLines(lines, warnings, section, facts, { ...options, lxcMajor: version.major });
  if (section.env !== undefined) {
    for (const item of perlSplit(section.env, /\0+/))
      lines.add('lxc.environment.runtime', item, 'env');
  }
  for (const [key, value] of section.lxc) lines.add(key, value, key);
  addCpusetLine(lines, values, section.lxc, facts, options.random);
  return { lines, rules: seccomp.rules };
}

/** The failure: the warnings printed before the error, then the error(s). */
function failure(
  before: readonly LxcConfigDiagnostic[],
  error: LxcConfigDiagnostic,
  ...more: LxcConfigDiagnostic[]
): [LxcConfigDiagnostic, ...LxcConfigDiagnostic[]] {
  const [first, ...rest] = [...before, error, ...more];
  return [first as LxcConfigDiagnostic, ...rest];
}

/**
 * The LXC config `pct start` writes for the main section of a config (`readConfig(text).config.main`):
 * the exact bytes of `config` and `rules.seccomp`, the warnings Proxmox prints, or — on the left —
 * Proxmox's error (its exact text in `proxmoxText`, after any warnings printed before it). Device
 * lines come in `devN` number order (Proxmox: hash order). A value with a line feed is refused.
 * Never throws.
 */
export function planLxcConfig(
  section: ConfigSection,
  facts: HostFacts,
  options: LxcConfigOptions,
): Result<LxcConfigPlan, LxcConfigCode> {
  const warnings: LxcConfigDiagnostic[] = [];
  let built: Built | null;
  try {
    built = build(section, facts, options, warnings);
  } catch (e) {
    if (e instanceof StartStop) return E.left(failure(warnings, e.diagnostic));
    throw e;
  }
  if (built === null) return E.right({ files: null, warnings });
  const [refused, ...more] = built.lines.refused;
  if (refused !== undefined) return E.left(failure(warnings, refused, ...more));
  const files: LxcConfigFiles =
    built.rules === undefined
      ? { config: built.lines.text }
      : { config: built.lines.text, rulesSeccomp: built.rules };
  return E.right({ files, warnings });
}
