/**
 * What `pctkit plan` and `pctkit apply` compute before touching the rootfs: the planning inputs from
 * the options and the host, the config (refused when it has errors or values `pct set` would refuse,
 * unless `--force`), the rootfs snapshot, the OS detection and the plan. Shared by `detect` for
 * the config, snapshot and detection parts.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigSection } from '../config/model.js';
import { formatDiagnostic } from '../config/diagnostic.js';
import { readConfig } from '../config/reader.js';
import { formatLocated } from '../diagnostics/diagnostic.js';
import { readRootfs } from '../effects/index.js';
import { detectOs } from '../os/detect.js';
import type { Detection, DetectionError } from '../os/detect.js';
import type { FsSnapshot } from '../os/fs-snapshot.js';
import { drand48 } from '../random/drand48.js';
import { NIL_UUID, uuidV4Source } from '../random/uuid.js';
import { splitList } from '../perl/index.js';
import { planSetup } from '../setup/plan-setup.js';
import type { SetupHook, SetupInput, SetupPlan } from '../setup/plan-setup.js';
import { checkHostDns, checkSetupConfig } from '../setup/setup-input-check.js';
import type { HostDns } from '../setup/setup-settings.js';
import { terminalSafe, terminalSafeLine } from '../text/terminal-safe.js';
import { UsageError } from './args.js';
import type { ParsedArgs } from './args.js';
import { readInput } from './input.js';
import type { CliIo, ExitCode } from './io.js';
import {
  PVE_TEST_DNS,
  SETUP_HOOKS,
  hostRandom,
  hostTimezone,
  parseHostResolvConf,
  parseNow,
} from './setup-host.js';
import type { SetupHost } from './setup-host.js';

function parseSeed(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 0xffffffff)
    throw new UsageError(`--seed must be an integer from 0 to 4294967295, not '${text}'`);
  return Number(text);
}

/** The options plan and apply share, for their usage texts. */
export const inputOptionsUsage = `    INPUT OPTIONS of plan and apply:
      --force              go on with a config that has errors or values pct set refuses, as
                           Proxmox does (its warnings are printed); default: refuse, exit 1
      --seed N             reproducible randomness (drand48, as Perl's srand(N)); default: the host's
      --now ISO8601        the clock (shadow's last-change day); default: now; UTC without an offset
      --password-hash HASH root's password as a crypt hash ($5$..., $6$...); default: locked (*)
      --ssh-key KEY        a line for root's authorized_keys (repeatable)
      --nameserver LIST    host DNS used when CONFIG has no nameserver / searchdomain (default:
      --searchdomain LIST  the host's /etc/resolv.conf: first 3 nameservers, its search domain)
      --no-ssh-host-keys   do not generate ssh host keys
      --pve-test-mode      Proxmox's setup test harness: drand48 seeded with 0, all-zero UUIDs,
                           DNS defaults 8.8.8.8 8.8.8.9 / proxmox.com, no ssh host keys
`;

export function single(args: ParsedArgs, name: string): string | undefined {
  const values = args.flags.get(name);
  if (values === undefined) return undefined;
  if (values.length > 1) throw new UsageError(`--${name} given more than once`);
  return values[0];
}

// ---- shared preparation -------------------------------------------------------------------------

export const INPUT_VALUED = [
  'hook',
  'seed',
  'now',
  'password-hash',
  'ssh-key',
  'nameserver',
  'searchdomain',
];
export const INPUT_FLAGS = ['json', 'no-ssh-host-keys', 'pve-test-mode', 'force'];

/** The planning inputs the options describe (without snapshot, config and OS). */
export type Inputs = Pick<
  SetupInput,
  'hook' | 'now' | 'random' | 'uuid' | 'hostDns' | 'rootPasswordHash' | 'sshKeys'
> & {
  readonly sshHostKeys: boolean;
};

function inputsFrom(args: ParsedArgs, host: SetupHost): Inputs {
  const testMode = args.flags.has('pve-test-mode');
  const hookText = single(args, 'hook') ?? 'post-create';
  if (!(SETUP_HOOKS as readonly string[]).includes(hookText))
    throw new UsageError(`--hook must be one of ${SETUP_HOOKS.join(', ')}, not '${hookText}'`);
  const seedText = single(args, 'seed');
  if (seedText !== undefined && testMode)
    throw new UsageError('--seed and --pve-test-mode exclude each other (test mode seeds with 0)');
  const seed = testMode ? 0 : seedText === undefined ? undefined : parseSeed(seedText);
  const nowText = single(args, 'now');
  const nowMs = nowText === undefined ? host.nowMs() : parseNow(nowText);
  const random = seed === undefined ? hostRandom(host) : drand48(seed);
  let uuid: () => string;
  if (testMode) uuid = () => NIL_UUID;
  else if (seed !== undefined) {
    const source = uuidV4Source(drand48(seed));
    uuid = () => source.next();
  } else uuid = () => host.randomUuid();
  const passwordHash = single(args, 'password-hash');
  const keys = args.flags.get('ssh-key');
  return {
    hook: hookText as SetupHook,
    now: Math.floor(nowMs / 1000),
    random,
    uuid,
    hostDns: hostDnsFrom(args, host, testMode),
    ...(passwordHash !== undefined ? { rootPasswordHash: passwordHash } : {}),
    ...(keys !== undefined ? { sshKeys: keys.join('\n') } : {}),
    sshHostKeys: !testMode && !args.flags.has('no-ssh-host-keys'),
  };
}

/** `--nameserver`/`--searchdomain`, else the test-mode defaults, else the host's resolv.conf. */
function hostDnsFrom(args: ParsedArgs, host: SetupHost, testMode: boolean): HostDns {
  const list = (name: string): string[] | undefined => {
    const v = args.flags.get(name);
    return v === undefined ? undefined : v.flatMap((x) => splitList(x));
  };
  let hostFile: HostDns | undefined;
  const fromHost = (): HostDns =>
    (hostFile ??= parseHostResolvConf(host.readHostFile('/etc/resolv.conf') ?? ''));
  return {
    nameservers:
      list('nameserver') ?? (testMode ? PVE_TEST_DNS.nameservers : fromHost().nameservers),
    searchdomains:
      list('searchdomain') ?? (testMode ? PVE_TEST_DNS.searchdomains : fromHost().searchdomains),
  };
}

const text = (section: ConfigSection, key: string): string | undefined => {
  const v = section.values[key];
  return v === undefined || v === '' ? undefined : String(v);
};

/** How {@link readConfigFile} treats a config with errors. */
export type ConfigPolicy =
  /** Refuse errors of the reader and values `pct set` would refuse (plan and apply). */
  | 'strict'
  /** `--force`: go on as Proxmox does, printing its warnings (and what pct set would refuse). */
  | 'force'
  /** Only print the reader's diagnostics (detect, which writes nothing). */
  | 'report';

/**
 * Reads a container config for the setup commands. With `strict`, a config with errors (the
 * reader's, or values `pct set` would refuse, such as a hostname with spaces) is refused: each
 * error is printed and the exit code is 1. Every message is made terminal-safe.
 */
export function readConfigFile(
  io: CliIo,
  file: string,
  policy: ConfigPolicy,
): E.Either<string, ConfigSection> | ExitCode {
  const source = readInput(io, file);
  if (E.isLeft(source)) return source;
  const read = readConfig(source.right);
  const section = read.config.main;
  const readerErrors = read.diagnostics.filter((d) => d.severity === 'error');
  const reported = new Set(readerErrors.flatMap((d) => (d.key === undefined ? [] : [d.key])));
  const refused = policy === 'report' ? [] : checkSetupConfig(section, reported);
  if (policy === 'strict' && (readerErrors.length > 0 || refused.length > 0)) {
    for (const d of readerErrors) io.stderr(terminalSafeLine(formatDiagnostic(d, file)) + '\n');
    for (const d of refused) io.stderr(terminalSafeLine(formatLocated(d, file)) + '\n');
    const n = readerErrors.length + refused.length;
    io.stderr(
      terminalSafeLine(
        `pctkit: ${file}: ${n} error${n === 1 ? '' : 's'}; nothing was planned (--force goes on as Proxmox does, with its warnings)`,
      ) + '\n',
    );
    return 1;
  }
  // Proxmox's reader only warns about these and goes on: so does --force.
  for (const d of read.diagnostics)
    if (d.severity !== 'notice')
      io.stderr(terminalSafeLine(formatDiagnostic({ ...d, severity: 'warning' }, file)) + '\n');
  for (const d of refused)
    io.stderr(
      terminalSafeLine(formatLocated({ ...d, severity: 'warning' }, file)) + ' (--force)\n',
    );
  return E.right(section);
}

export function snapshotOf(
  io: CliIo,
  rootfs: string,
  extraPaths: readonly string[],
): FsSnapshot | undefined {
  const snap = readRootfs(rootfs, { extraPaths });
  if (E.isLeft(snap)) {
    io.stderr(terminalSafeLine(`pctkit: ${rootfs}: ${snap.left[0].message}`) + '\n');
    return undefined;
  }
  return snap.right;
}

export function detect(
  snapshot: FsSnapshot,
  rootfs: string,
  config: ConfigSection | undefined,
): E.Either<readonly [DetectionError], Detection> {
  const ostype = config && text(config, 'ostype');
  const arch = config && text(config, 'arch');
  return detectOs(
    snapshot,
    { ...(ostype ? { ostype } : {}), ...(arch ? { arch } : {}) },
    { rootfs },
  );
}

export function detectionFailed(
  io: CliIo,
  rootfs: string,
  [error]: readonly [DetectionError],
): ExitCode {
  for (const line of error.stderr) io.stderr(terminalSafe(line));
  io.stderr(terminalSafeLine(`pctkit: ${rootfs}: OS detection failed: ${error.message}`) + '\n');
  return 1;
}

/** Everything `plan` and `apply` compute before touching the rootfs. */
export interface Prepared {
  readonly rootfs: string;
  readonly inputs: Inputs;
  readonly snapshot: FsSnapshot;
  readonly detection: Detection;
  readonly plan: SetupPlan;
}

export function prepare(
  io: CliIo,
  host: SetupHost,
  args: ParsedArgs,
  command: string,
): Prepared | ExitCode {
  if (args.positionals.length !== 2) throw new UsageError(`${command} needs CONFIG and ROOTFS`);
  const [configFile, rootfs] = args.positionals as [string, string];
  const inputs = inputsFrom(args, host);
  // Command-line DNS is checked as the API checks the config's nameserver and searchdomain (no
  // --force for these: the API has no way around its parameter checks either).
  const dnsErrors = checkHostDns(
    {
      nameservers: args.flags.has('nameserver') ? inputs.hostDns.nameservers : [],
      searchdomains: args.flags.has('searchdomain') ? inputs.hostDns.searchdomains : [],
    },
    { nameserver: '--nameserver', searchdomain: '--searchdomain' },
  );
  if (dnsErrors.length > 0) {
    for (const d of dnsErrors) io.stderr(terminalSafeLine(`pctkit: error: ${d.message}`) + '\n');
    io.stderr('pctkit: invalid host DNS options; nothing was planned\n');
    return 1;
  }
  const config = readConfigFile(io, configFile, args.flags.has('force') ? 'force' : 'strict');
  if (typeof config === 'number') return config;
  if (E.isLeft(config)) {
    io.stderr(terminalSafeLine(`pctkit: ${config.left}`) + '\n');
    return 1;
  }
  const tz = text(config.right, 'timezone');
  const hostTz = tz === 'host' ? hostTimezone(host) : undefined;
  const extraPaths =
    tz === undefined
      ? []
      : tz === 'host'
        ? hostTz
          ? [hostTz.localtimePath]
          : []
        : [`/usr/share/zoneinfo/${tz}`];
  const snapshot = snapshotOf(io, rootfs, extraPaths);
  if (snapshot === undefined) return 1;
  const detection = detect(snapshot, rootfs, config.right);
  if (E.isLeft(detection)) return detectionFailed(io, rootfs, detection.left);
  for (const line of [...detection.right.stdout, ...detection.right.stderr])
    io.stderr(terminalSafe(line));
  const input: SetupInput = {
    snapshot,
    config: config.right,
    os: detection.right,
    hook: inputs.hook,
    now: inputs.now,
    random: inputs.random,
    uuid: inputs.uuid,
    hostDns: inputs.hostDns,
    sshHostKeys: inputs.sshHostKeys,
    ...(inputs.rootPasswordHash !== undefined ? { rootPasswordHash: inputs.rootPasswordHash } : {}),
    ...(inputs.sshKeys !== undefined ? { sshKeys: inputs.sshKeys } : {}),
    ...(hostTz !== undefined ? { hostTimezone: hostTz } : {}),
  };
  const plan = planSetup(input);
  if (E.isLeft(plan)) {
    io.stderr(
      terminalSafeLine(
        `pctkit: cannot plan ${inputs.hook} for ${rootfs}: ${plan.left[0].message.trimEnd()} (${plan.left[0].code}); nothing was changed`,
      ) + '\n',
    );
    return 1;
  }
  for (const w of plan.right.warnings)
    io.stderr(terminalSafeLine(`warning: ${w.message.trimEnd()}`) + '\n');
  return { rootfs, inputs, snapshot, detection: detection.right, plan: plan.right };
}

export function osSummary(d: Detection): string {
  const version = d.version === undefined || d.version === null ? '' : ` ${String(d.version)}`;
  return `${d.type}${version}, ${d.arch.arch}`;
}

export function osJson(d: Detection): Record<string, unknown> {
  return { type: d.type, version: d.version ?? null, arch: d.arch.arch };
}
