/**
 * The start plan: everything `pct start` computes before LXC runs, as one value (start-spec A.0).
 * In Proxmox's order: the refusals of the API (`template`, a lock), the pending changes a start
 * applies first, the LXC config (A.1), the mounts (A.2), the OS detection with its ostype check
 * (A.3) on the mounted rootfs, and the pre-start setup plan. Nothing here runs anything; each part
 * is the data its own planner returns, so a user sees everything a start would do.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PctConfig } from '../config/model.js';
import type { Diagnostic } from '../diagnostics/index.js';
import {
  errorDiagnostic,
  messageOfProxmoxText,
  proxmoxDiagnostic,
  warningDiagnostic,
} from '../diagnostics/index.js';
import type { Failure, Result } from '../diagnostics/index.js';
import { applyPending } from '../ops/apply-pending.js';
import type { ConfigAction } from '../ops/actions.js';
import { detectOs } from '../os/detect.js';
import type { FsSnapshot } from '../os/fs-snapshot.js';
import { isPerlTrue } from '../perl/index.js';
import type { RandomSource } from '../random/random-source.js';
import { planSetup } from '../setup/plan-setup.js';
import type { SetupPlan } from '../setup/plan-setup.js';
import type { HostDns } from '../setup/setup-settings.js';
import type { StorageConfig } from '../storage/storage-config.js';
import type { HostFacts } from './host-facts.js';
import { planLxcConfig } from './lxc-config.js';
import type { LxcConfigPlan } from './lxc-config.js';
import { planMounts } from './mount-plan.js';
import type { DeviceNode, MountPlan } from './mount-plan.js';

/** Codes of the start plan's own refusals and notes (the parts keep their own codes). */
export type StartPlanCode =
  /** `template: 1`: `you can't start a CT if it's a template`. */
  | 'START_TEMPLATE'
  /** The config has a `lock` (other than `mounted`): `CT is locked (<lock>)`. */
  | 'START_LOCKED'
  /** A pending change could not be applied at start (`unable to apply pending change …`); it stays pending. */
  | 'START_PENDING_NOT_APPLIED'
  /** OS detection failed on the rootfs (`unable to detect OS distribution`, …): the pre-start hook dies. */
  | 'START_DETECTION_FAILED'
  /** The detected OS differs from `ostype` (`got unexpected ostype (<detected> != <configured>)`): a warning. */
  | 'START_OSTYPE_MISMATCH'
  /** The pre-start setup plan failed (`error in setup task PVE::LXC::Setup::pre_start_hook`). */
  | 'START_SETUP_FAILED'
  /** A warning of the pre-start setup plan (what Proxmox's setup prints and goes on). */
  | 'START_SETUP_WARNING';

/** Everything a start plan depends on: the config, the host and the container's mounted rootfs. */
export interface StartPlanInput {
  /** The whole config file as read (`readConfig(text).config`). */
  readonly config: PctConfig;
  readonly vmid: number;
  /** The host facts (`decodeHostFacts`, or `readHostFacts` from `pctkit/effects`). */
  readonly facts: HostFacts;
  /** The parsed `/etc/pve/storage.cfg` (`parseStorageConfig` from `pctkit/storage`). */
  readonly storage: StorageConfig;
  /** The container's root filesystem as the pre-start hook sees it (mounted). */
  readonly rootfs: FsSnapshot;
  /** Perl's `rand()` stream: CPUs for `cores`, MACs of NICs without `hwaddr`, crontab minutes. */
  readonly random: RandomSource;
  /** Epoch seconds. */
  readonly now: number;
  /** A fresh UUID per call (ifcfg, NetworkManager files). */
  readonly uuid: () => string;
  /** Host DNS defaults for a config without `nameserver` / `searchdomain`. */
  readonly hostDns: HostDns;
  /** This node's name (storages restricted by `nodes`). */
  readonly node?: string;
  /** The datacenter's `mac_prefix`. */
  readonly macPrefix?: string;
}

/** What a start would do, part by part. */
export interface StartPlan {
  /** The pending changes applied first (`null` when `[pve:pending]` is empty). */
  readonly pending: {
    readonly config: PctConfig;
    readonly actions: readonly ConfigAction[];
  } | null;
  /** The LXC config files (A.1). */
  readonly lxcConfig: LxcConfigPlan;
  /** The mounts of the pre-start hook (A.2). */
  readonly mounts: MountPlan;
  /** The ostype check (A.3): the configured and the detected OS type. */
  readonly os: {
    readonly configured: string | undefined;
    readonly detected: string;
    readonly version?: string;
  };
  /** The pre-start setup plan (inside the container). */
  readonly setup: SetupPlan;
  /** Every warning and notice of every part, in the order a start prints them. */
  readonly diagnostics: readonly Diagnostic[];
}

const located = (d: Diagnostic, path: string): Diagnostic =>
  d.path === undefined ? { ...d, path } : d;

/**
 * Diagnostics of an earlier step passed on under a start code. Where the step had Proxmox's text,
 * it is kept (and the message is made from it); where it had none (the setup planner's warnings
 * are pctkit's record of Proxmox's `warn`), none is claimed: `proxmoxTextOf` then prints the
 * message and a line feed.
 */
function passedOn(diagnostics: readonly Diagnostic[], code: string, path: string): Diagnostic[] {
  return diagnostics.map((d) =>
    d.proxmoxText === undefined
      ? warningDiagnostic(code, messageOfProxmoxText(d.message), { path })
      : proxmoxDiagnostic('warning', code, d.proxmoxText, { path }),
  );
}

/**
 * Plans a start of a stopped container. Fails (a `Failure` of every error, with the warnings
 * before them) where Proxmox's start fails; otherwise every part and every warning.
 */
export function planStart(input: StartPlanInput): Result<StartPlan> {
  const main = input.config.main.values;
  if (isPerlTrue(main['template'] as string | undefined)) {
    const text = "you can't start a CT if it's a template\n";
    return E.left([proxmoxDiagnostic('error', 'START_TEMPLATE', text, { path: 'template' })]);
  }
  const lock = main['lock'];
  if (lock !== undefined && lock !== '' && lock !== 'mounted') {
    const text = `CT is locked (${String(lock)})\n`;
    return E.left([proxmoxDiagnostic('error', 'START_LOCKED', text, { path: 'lock' })]);
  }

  const diagnostics: Diagnostic[] = [];
  const failWith = (errors: readonly Diagnostic[]): Result<never> =>
    E.left([...diagnostics, ...errors] as unknown as Failure);

  // 1. Pending changes first (vm_start), with the host's cgroup version and the random MACs.
  let config = input.config;
  let pending: StartPlan['pending'] = null;
  const pendingValues = Object.keys(config.pending.values);
  if (pendingValues.length > 0) {
    const applied = applyPending(config, {
      cgroupVersion: input.facts.cgroupMode === 1 ? 1 : 2,
    });
    config = applied.config;
    pending = { config: applied.config, actions: applied.actions };
    const notApplied = applied.diagnostics.filter((d) => d.code === 'PENDING_NOT_APPLIED');
    diagnostics.push(...passedOn(notApplied, 'START_PENDING_NOT_APPLIED', 'pve:pending'));
  }
  const section = config.main;

  // 2. The LXC config (A.1).
  const lxc = planLxcConfig(section, input.facts, {
    vmid: input.vmid,
    random: input.random,
    ...(input.macPrefix === undefined ? {} : { macPrefix: input.macPrefix }),
  });
  if (E.isLeft(lxc)) return failWith(lxc.left.map((d) => located(d, 'lxc-config')));
  diagnostics.push(...lxc.right.warnings.map((d) => located(d, 'lxc-config')));

  // 3. The mounts (A.2).
  const mounts = planMounts(section, input.storage, {
    vmid: input.vmid,
    rootfs: input.rootfs,
    ...(input.node === undefined ? {} : { node: input.node }),
    deviceNodes: deviceNodesOf(input.facts),
  });
  if (E.isLeft(mounts)) return failWith(mounts.left);
  diagnostics.push(...mounts.right.diagnostics);

  // 4. Detection on the mounted rootfs, with the ostype check (A.3): a mismatch only warns.
  const configured = section.values['ostype'];
  const detection = detectOs(input.rootfs, {
    ...(configured === undefined ? {} : { ostype: String(configured) }),
    ...(section.values['arch'] === undefined ? {} : { arch: String(section.values['arch']) }),
  });
  if (E.isLeft(detection)) {
    const [d] = detection.left;
    diagnostics.push(...passedOn(d.warnings, 'START_OSTYPE_MISMATCH', 'ostype'));
    return failWith([
      proxmoxDiagnostic('error', 'START_DETECTION_FAILED', d.proxmoxText, { path: 'ostype' }),
    ]);
  }
  diagnostics.push(...passedOn(detection.right.warnings, 'START_OSTYPE_MISMATCH', 'ostype'));

  // 5. The pre-start setup plan, with the detected plugin (its constructor overwrote `ostype`).
  const setupSection = {
    ...section,
    values: {
      ...section.values,
      ostype: detection.right.config.ostype,
      arch: detection.right.config.arch,
    },
  };
  const setup = planSetup({
    snapshot: input.rootfs,
    config: setupSection,
    os: detection.right,
    hook: 'pre-start',
    now: input.now,
    random: input.random,
    uuid: input.uuid,
    hostDns: input.hostDns,
  });
  if (E.isLeft(setup)) {
    const text = `error in setup task PVE::LXC::Setup::pre_start_hook\n`;
    const cause = setup.left[0];
    const said = cause.proxmoxText ?? `${cause.message}\n`;
    return failWith([
      errorDiagnostic('START_SETUP_FAILED', messageOfProxmoxText(cause.message), {
        path: 'setup',
        proxmoxText: `${said}${text}`,
      }),
    ]);
  }
  diagnostics.push(...passedOn(setup.right.warnings, 'START_SETUP_WARNING', 'setup'));

  return E.right({
    pending,
    lxcConfig: lxc.right,
    mounts: mounts.right,
    os: {
      configured: configured === undefined ? undefined : String(configured),
      detected: detection.right.type,
      ...(detection.right.version === undefined
        ? {}
        : { version: String(detection.right.version) }),
    },
    setup: setup.right,
    diagnostics,
  });
}

/** The facts' character and block device nodes, as the mount plan wants them. */
function deviceNodesOf(facts: HostFacts): Record<string, DeviceNode> {
  const out: Record<string, DeviceNode> = Object.create(null);
  for (const [path, node] of Object.entries(facts.devices)) {
    if (node.type === 'c' || node.type === 'b')
      out[path] = { type: node.type, major: node.major, minor: node.minor };
  }
  return out;
}
