/**
 * The entry point of setup planning: what Proxmox's `PVE::LXC::Setup` hooks would do inside a
 * container rootfs (spec §3), as an ordered list of operations. Every input is explicit (time,
 * randomness, UUIDs, host DNS); nothing is read from the environment.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigSection } from '../config/model.js';
import type { FsSnapshot } from '../os/fs-snapshot.js';
import type { RandomSource } from '../random/random-source.js';
import { setRootAuthorizedKeys } from './authorized-keys.js';
import { randomiseCrontabs } from './crontab.js';
import { setHostnameBase } from './hostname.js';
import { hostnamePart } from './hosts.js';
import { clearMachineId } from './machine-id.js';
import { perlTrue } from './marked-section.js';
import { osPlugin } from './os/index.js';
import type { OsPlugin, SetupContext } from './os/os-plugin.js';
import type { PlanOperation } from './plan.js';
import { PlanBuilder } from './plan-builder.js';
import { setDns } from './resolv-conf.js';
import { setRootPassword } from './root-password.js';
import { setupError } from './setup-error.js';
import type { SetupError, SetupWarning } from './setup-error.js';
import type { HostDns } from './setup-settings.js';
import { dnsSettings, setupSettings } from './setup-settings.js';
import { snakeoilFixup } from './os/debian.js';
import { setTimezone } from './timezone.js';

/** The hooks (and single steps) Proxmox runs in a container (spec §3.1–3.5). */
export type SetupHook =
  'post-create' | 'pre-start' | 'post-clone' | 'template-fixup' | 'setup-network';

/**
 * The detected OS: its plugin name, the version the plugin constructor derived, and the parsed
 * os-release (a `Detection` from `detectOs` fits).
 */
export interface SetupOsInput {
  readonly type: string;
  readonly version?: string | number | null | undefined;
  readonly osRelease?: ReadonlyMap<string, string>;
}

/** Everything planning depends on. */
export interface SetupInput {
  /** The container rootfs before the hook. */
  readonly snapshot: FsSnapshot;
  /** The main config section. */
  readonly config: ConfigSection;
  /** The detection result. */
  readonly os: SetupOsInput;
  readonly hook: SetupHook;
  /** Epoch seconds (shadow's last-change day). */
  readonly now: number;
  /** Perl's `rand()` stream (crontab minutes); seed it like `srand` for reproducible plans. */
  readonly random: RandomSource;
  /** A fresh UUID per call (ifcfg, NetworkManager). */
  readonly uuid: () => string;
  /** Host DNS defaults for a config without `nameserver` / `searchdomain`. */
  readonly hostDns: HostDns;
  /** root's password as a crypt hash; undefined locks the account (`*`). */
  readonly rootPasswordHash?: string;
  /** authorized_keys lines for root (post-create). */
  readonly sshKeys?: string;
  /** Request ssh host keys (post-create; only when the CT has `/etc/ssh`). */
  readonly sshHostKeys?: boolean;
  /** Host time zone for `timezone: host`. */
  readonly hostTimezone?: { readonly name: string; readonly localtimePath: string };
}

/** A setup plan: the operations in order, and the warnings Proxmox would print. */
export interface SetupPlan {
  readonly operations: readonly PlanOperation[];
  readonly warnings: readonly SetupWarning[];
}

type Step = (b: PlanBuilder) => void;

function devttydir(plugin: OsPlugin, unprivileged: boolean): string {
  return plugin.devttydir === '' || unprivileged ? '' : 'lxc/';
}

/** The host key types Proxmox generates (DSA was removed). */
export const SSH_HOST_KEY_TYPES = ['rsa', 'ecdsa', 'ed25519'] as const;

function hookSteps(input: SetupInput, plugin: OsPlugin, ctx: SetupContext): Step[] {
  const noop: Step = () => undefined;
  const templateFixup: Step = (b) => plugin.templateFixup?.(b, ctx);
  const setupInit: Step = (b) => plugin.setupInit?.(b, ctx);
  const setupNetwork: Step = (b) => plugin.setupNetwork?.(b, ctx);
  const setHostname: Step = (b) => (plugin.setHostname ?? setHostnameBase)(b, ctx);
  const dns: Step = (b) => setDns(b, ctx.dns);
  const timezone: Step = plugin.skipTimezone === true ? noop : (b) => setTimezone(b, ctx);
  switch (input.hook) {
    case 'post-create': {
      const keys = input.sshKeys;
      return [
        (b) => clearMachineId(b, false),
        plugin.snakeoil === true ? snakeoilFixup : noop,
        templateFixup,
        (b) => randomiseCrontabs(b, input.random),
        (b) => setRootPassword(b, input.rootPasswordHash, input.now),
        perlTrue(keys) ? (b) => setRootAuthorizedKeys(b, keys) : noop,
        setupInit,
        setupNetwork,
        setHostname,
        dns,
        timezone,
        (b) => requestSshHostKeys(b, input, ctx),
      ];
    }
    case 'pre-start':
      return [
        (b) => b.setContents('/fastboot', '', 'skip the file system check at boot'),
        setupInit,
        setupNetwork,
        setHostname,
        dns,
        timezone,
      ];
    case 'post-clone':
      return [(b) => clearMachineId(b, true)];
    case 'template-fixup':
      return [templateFixup];
    case 'setup-network':
      return [setupNetwork];
  }
}

function requestSshHostKeys(b: PlanBuilder, input: SetupInput, ctx: SetupContext): void {
  if (input.sshHostKeys !== true || !b.isDirectory('/etc/ssh')) return;
  const comment = `root@${hostnamePart(ctx.settings.hostname ?? 'localhost')}`;
  for (const type of SSH_HOST_KEY_TYPES) {
    b.sshHostKey(`/etc/ssh/ssh_host_${type}_key`, type, comment, `ssh host ${type} key`);
  }
}

const HOOKS: readonly string[] = [
  'post-create',
  'pre-start',
  'post-clone',
  'template-fixup',
  'setup-network',
];

/**
 * Plans a hook: the operations Proxmox would perform, in order, with warnings. Fails (with the
 * operations planned up to that point) where Proxmox dies.
 */
export function planSetup(input: SetupInput): E.Either<readonly [SetupError], SetupPlan> {
  if (!HOOKS.includes(input.hook))
    return E.left([setupError('SETUP_UNKNOWN_HOOK', `unknown setup hook '${String(input.hook)}'`)]);
  const plugin = osPlugin(input.os.type);
  if (plugin === undefined)
    return E.left([setupError('SETUP_UNKNOWN_OS_TYPE', `no such OS type '${input.os.type}'`)]);
  if (plugin.unmanaged === true) return E.right({ operations: [], warnings: [] });
  const parsed = setupSettings(input.config);
  if (E.isLeft(parsed)) return E.left([setupError('SETUP_INVALID_CONFIG', parsed.left)]);
  const settings = parsed.right;
  const b = new PlanBuilder(input.snapshot, settings.owner);
  const version =
    input.os.version === undefined || input.os.version === null
      ? undefined
      : String(input.os.version);
  const id = input.os.osRelease?.get('ID');
  const ctx: SetupContext = {
    config: input.config,
    settings,
    os: {
      type: plugin.type,
      ...(version !== undefined ? { version } : {}),
      ...(id !== undefined ? { id } : {}),
    },
    dns: dnsSettings(input.config, input.hostDns),
    devttydir: devttydir(plugin, settings.unprivileged),
    uuid: input.uuid,
    ...(input.hostTimezone !== undefined ? { hostTimezone: input.hostTimezone } : {}),
  };
  for (const step of hookSteps(input, plugin, ctx)) {
    step(b);
    if (b.failed !== undefined) return E.left([b.failed]);
  }
  return E.right({ operations: b.operations, warnings: b.warnings });
}
