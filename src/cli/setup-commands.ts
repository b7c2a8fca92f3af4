/**
 * `pctkit detect`, `pctkit plan` and `pctkit apply`: OS detection, setup planning and applying a
 * plan to a real container rootfs, the way `pct` does them at container creation (post-create)
 * and start (pre-start).
 *
 * The pure core (src/os, src/setup) takes every input explicitly; this file supplies them from the
 * host: the clock (`--now`), randomness (`--seed`, else the host's CSPRNG), UUIDs, the host's DNS
 * (its /etc/resolv.conf) and time zone. `--pve-test-mode` replaces them with the fixed inputs of
 * Proxmox's own setup test harness (spec §7). The rootfs is read and written only through
 * src/effects (chroot path semantics, atomic replace).
 *
 * ssh host key policy: `apply` REPLACES the host keys (Proxmox's post-create behaviour: a container
 * made from a template must never keep the template's keys, which every other container from that
 * template shares). `--keep-ssh-host-keys` keeps an existing, valid, matching pair with the right
 * modes and owner (generating only missing or broken ones): for re-applying to a container that has
 * already been set up, where new keys would only make clients complain.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigSection } from '../config/model.js';
import { formatDiagnostic } from '../config/diagnostic.js';
import { readConfig } from '../config/reader.js';
import { applyPlanToRootfs, readRootfs } from '../effects/index.js';
import type {
  ApplyProgress,
  ApplyReport,
  EffectsError,
  OperationOutcome,
} from '../effects/index.js';
import { detectOs } from '../os/detect.js';
import type { Detection, DetectionError } from '../os/detect.js';
import type { FsSnapshot } from '../os/fs-snapshot.js';
import { drand48 } from '../random/drand48.js';
import type { RandomSource } from '../random/random-source.js';
import { NIL_UUID, uuidV4Source } from '../random/uuid.js';
import { splitList } from '../perl/index.js';
import type { PlanOperation } from '../setup/plan.js';
import { planSetup } from '../setup/plan-setup.js';
import type { SetupHook, SetupInput, SetupPlan } from '../setup/plan-setup.js';
import type { HostDns } from '../setup/setup-settings.js';
import { UsageError, parseArgs } from './args.js';
import type { ParsedArgs } from './args.js';
import { readInput } from './input.js';
import type { CliIo, ExitCode } from './io.js';

/** Usage text of these commands (to be added to the main usage). */
export const setupUsage = `  pctkit detect ROOTFS [--config FILE] [--json]
      Detect the OS of a container rootfs as Proxmox does: type, version, arch, and the messages
      Proxmox prints. --config takes ostype and arch from a container config.
  pctkit plan CONFIG ROOTFS [--json] [--hook HOOK] [INPUT OPTIONS]
      Print the setup plan: one line per operation with its reason. Nothing is written.
      HOOK: post-create (default), pre-start, post-clone, template-fixup or setup-network.
  pctkit apply CONFIG ROOTFS [--dry-run] [--seed N] [--now ISO8601] [--password-hash HASH]
                  [--ssh-key KEY]... [--nameserver LIST] [--searchdomain LIST] [--no-ssh-host-keys]
                  [--pve-test-mode] [--json] [--hook HOOK] [--keep-ssh-host-keys]
      Plan and apply the setup to ROOTFS (atomic writes, nothing outside ROOTFS); print what changed.
      --dry-run            write nothing; print the unified diff of every file that would change
      --keep-ssh-host-keys keep an existing valid host key pair (default: replace, as Proxmox does)
    INPUT OPTIONS of plan and apply:
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

/** What the setup commands take from the host (injected so that tests control it). */
export interface SetupHost {
  /** The current time, in milliseconds since the epoch. */
  readonly nowMs: () => number;
  /** `n` bytes from a CSPRNG. */
  readonly randomBytes: (n: number) => Uint8Array;
  /** A random (version 4) UUID. */
  readonly randomUuid: () => string;
  /** A host file's text, or undefined when it cannot be read. */
  readonly readHostFile: (path: string) => string | undefined;
  /** A host path with every link resolved, or undefined. */
  readonly realpath: (path: string) => string | undefined;
  /** Whether stderr is a terminal (live progress instead of progress lines). */
  readonly stderrIsTTY: boolean;
  /** `ssh-keygen` to use for host keys (default: found on PATH). */
  readonly sshKeygen?: string;
}

export const processSetupHost: SetupHost = {
  nowMs: () => Date.now(),
  randomBytes: (n) => new Uint8Array(randomBytes(n)),
  randomUuid: () => randomUUID(),
  readHostFile: (p) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  realpath: (p) => {
    try {
      return realpathSync(p);
    } catch {
      return undefined;
    }
  },
  get stderrIsTTY(): boolean {
    return process.stderr.isTTY === true;
  },
};

/** The hooks `--hook` accepts. */
export const SETUP_HOOKS: readonly SetupHook[] = [
  'post-create',
  'pre-start',
  'post-clone',
  'template-fixup',
  'setup-network',
];

/** Proxmox's test-mode DNS defaults (spec §4.3). */
export const PVE_TEST_DNS: HostDns = {
  nameservers: ['8.8.8.8', '8.8.8.9'],
  searchdomains: ['proxmox.com'],
};

/**
 * The host's DNS as Proxmox reads `/etc/resolv.conf` (spec §2.3): the first three `nameserver`
 * lines with an IP address, and the first word of the last `search` or `domain` line.
 */
export function parseHostResolvConf(text: string): HostDns {
  const nameservers: string[] = [];
  let search: string | undefined;
  for (const line of text.split('\n')) {
    const s = /^(?:search|domain)\s+(\S+)/.exec(line);
    if (s) {
      search = s[1] as string;
      continue;
    }
    const n = /^\s*nameserver\s+(\S+)/.exec(line);
    if (n && nameservers.length < 3 && isIpAddress(n[1] as string))
      nameservers.push(n[1] as string);
  }
  return { nameservers, searchdomains: search === undefined ? [] : [search] };
}

function isIpAddress(s: string): boolean {
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s))
    return s.split('.').every((p) => Number(p) <= 255);
  return /^[0-9A-Fa-f:.]+$/.test(s) && s.includes(':');
}

/**
 * Parses `--now`: an ISO 8601 date or date-time (`2024-11-29`, `2024-11-29T12:00:00Z`,
 * `2024-11-29T13:00+01:00`). Without a zone offset it is UTC. Returns epoch milliseconds.
 */
export function parseNow(text: string): number {
  const m =
    /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      text,
    );
  if (!m)
    throw new UsageError(
      `--now must be an ISO 8601 date or date-time (e.g. 2024-11-29T00:00:00Z), not '${text}'`,
    );
  const [, date, time, zone] = m as unknown as [
    string,
    string,
    string | undefined,
    string | undefined,
  ];
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  const [hh, mi, ss] = (time ?? '00:00:00').split(':').map(Number) as [
    number,
    number,
    number | undefined,
  ];
  if (
    day.getUTCFullYear() !== y ||
    day.getUTCMonth() !== mo - 1 ||
    day.getUTCDate() !== d ||
    hh > 23 ||
    mi > 59 ||
    (ss ?? 0) >= 60
  )
    throw new UsageError(`--now: not a valid date: '${text}'`);
  const iso =
    time === undefined
      ? `${date}T00:00:00Z`
      : `${date}T${time}${zone === undefined ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new UsageError(`--now: not a valid date: '${text}'`);
  return ms;
}

function parseSeed(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 0xffffffff)
    throw new UsageError(`--seed must be an integer from 0 to 4294967295, not '${text}'`);
  return Number(text);
}

function single(args: ParsedArgs, name: string): string | undefined {
  const values = args.flags.get(name);
  if (values === undefined) return undefined;
  if (values.length > 1) throw new UsageError(`--${name} given more than once`);
  return values[0];
}

/** The host's CSPRNG as a RandomSource (53 bits per number). */
function hostRandom(host: SetupHost): RandomSource {
  return {
    next: () => {
      const b = host.randomBytes(7);
      let v = 0;
      for (const byte of b) v = v * 256 + byte;
      return (v % 2 ** 53) / 2 ** 53;
    },
  };
}

// ---- shared preparation -------------------------------------------------------------------------

const INPUT_VALUED = [
  'hook',
  'seed',
  'now',
  'password-hash',
  'ssh-key',
  'nameserver',
  'searchdomain',
];
const INPUT_FLAGS = ['json', 'no-ssh-host-keys', 'pve-test-mode'];

/** The planning inputs the options describe (without snapshot, config and OS). */
type Inputs = Pick<
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

/** The host's time zone for `timezone: host`: the resolved /etc/localtime and its name. */
function hostTimezone(host: SetupHost): { name: string; localtimePath: string } | undefined {
  const localtimePath = host.realpath('/etc/localtime');
  if (localtimePath === undefined || !localtimePath.startsWith('/')) return undefined;
  const fromFile = host.readHostFile('/etc/timezone')?.split('\n')[0]?.trim();
  const m = /\/zoneinfo\/(.+)$/.exec(localtimePath);
  const name =
    fromFile !== undefined && fromFile !== '' ? fromFile : m ? (m[1] as string) : undefined;
  return name === undefined ? undefined : { name, localtimePath };
}

function readConfigFile(io: CliIo, file: string): E.Either<string, ConfigSection> {
  const source = readInput(io, file);
  if (E.isLeft(source)) return source;
  const read = readConfig(source.right);
  for (const d of read.diagnostics)
    if (d.severity !== 'notice') io.stderr(formatDiagnostic(d, file) + '\n');
  return E.right(read.config.main);
}

function snapshotOf(
  io: CliIo,
  rootfs: string,
  extraPaths: readonly string[],
): FsSnapshot | undefined {
  const snap = readRootfs(rootfs, { extraPaths });
  if (E.isLeft(snap)) {
    io.stderr(`pctkit: ${rootfs}: ${snap.left.message}\n`);
    return undefined;
  }
  return snap.right;
}

function detect(
  snapshot: FsSnapshot,
  rootfs: string,
  config: ConfigSection | undefined,
): E.Either<DetectionError, Detection> {
  const ostype = config && text(config, 'ostype');
  const arch = config && text(config, 'arch');
  return detectOs(
    snapshot,
    { ...(ostype ? { ostype } : {}), ...(arch ? { arch } : {}) },
    { rootfs },
  );
}

function detectionFailed(io: CliIo, rootfs: string, error: DetectionError): ExitCode {
  for (const line of error.stderr) io.stderr(line);
  io.stderr(`pctkit: ${rootfs}: OS detection failed: ${error.message.trimEnd()}\n`);
  return 1;
}

/** Everything `plan` and `apply` compute before touching the rootfs. */
interface Prepared {
  readonly rootfs: string;
  readonly inputs: Inputs;
  readonly snapshot: FsSnapshot;
  readonly detection: Detection;
  readonly plan: SetupPlan;
}

function prepare(
  io: CliIo,
  host: SetupHost,
  args: ParsedArgs,
  command: string,
): Prepared | ExitCode {
  if (args.positionals.length !== 2) throw new UsageError(`${command} needs CONFIG and ROOTFS`);
  const [configFile, rootfs] = args.positionals as [string, string];
  const inputs = inputsFrom(args, host);
  const config = readConfigFile(io, configFile);
  if (E.isLeft(config)) {
    io.stderr(`pctkit: ${config.left}\n`);
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
  for (const line of [...detection.right.stdout, ...detection.right.stderr]) io.stderr(line);
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
      `pctkit: cannot plan ${inputs.hook} for ${rootfs}: ${plan.left.message.trimEnd()} (${plan.left.code}); nothing was changed\n`,
    );
    return 1;
  }
  for (const w of plan.right.warnings) io.stderr(`warning: ${w.trimEnd()}\n`);
  return { rootfs, inputs, snapshot, detection: detection.right, plan: plan.right };
}

function osSummary(d: Detection): string {
  const version = d.version === undefined || d.version === null ? '' : ` ${String(d.version)}`;
  return `${d.type}${version}, ${d.arch.arch}`;
}

function osJson(d: Detection): Record<string, unknown> {
  return { type: d.type, version: d.version ?? null, arch: d.arch.arch };
}

// ---- detect -------------------------------------------------------------------------------------

/** Runs `pctkit detect ROOTFS [--config FILE] [--json]`. */
export function runDetectCommand(io: CliIo, argv: readonly string[]): ExitCode {
  const args = parseArgs(argv, new Set(['config']), new Set(['config', 'json']));
  if (args.positionals.length !== 1) throw new UsageError('detect needs exactly one ROOTFS');
  const rootfs = args.positionals[0] as string;
  const configFile = single(args, 'config');
  let config: ConfigSection | undefined;
  if (configFile !== undefined) {
    const read = readConfigFile(io, configFile);
    if (E.isLeft(read)) {
      io.stderr(`pctkit: ${read.left}\n`);
      return 1;
    }
    config = read.right;
  }
  const snapshot = snapshotOf(io, rootfs, []);
  if (snapshot === undefined) return 1;
  const detected = detect(snapshot, rootfs, config);
  if (E.isLeft(detected)) {
    if (args.flags.has('json')) {
      const e = detected.left;
      io.stdout(
        JSON.stringify(
          {
            ok: false,
            code: e.code,
            message: e.message,
            type: e.type ?? null,
            stdout: e.stdout,
            stderr: e.stderr,
          },
          null,
          2,
        ) + '\n',
      );
    }
    return detectionFailed(io, rootfs, detected.left);
  }
  const d = detected.right;
  for (const line of d.stderr) io.stderr(line);
  if (args.flags.has('json')) {
    io.stdout(
      JSON.stringify(
        {
          ok: true,
          type: d.type,
          pluginClass: d.pluginClass,
          version: d.version ?? null,
          ...(d.devuanVersion !== undefined ? { devuanVersion: d.devuanVersion } : {}),
          arch: d.arch.arch,
          archSource: d.arch.source,
          osRelease: Object.fromEntries(d.osRelease),
          warnings: d.warnings,
          stdout: d.stdout,
          stderr: d.stderr,
        },
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  const version = d.version === undefined || d.version === null ? '(none)' : String(d.version);
  const pretty = d.osRelease.get('PRETTY_NAME');
  io.stdout(
    `ostype: ${d.type}\nversion: ${version}\narch: ${d.arch.arch} (${d.arch.source === 'config' ? 'from the config' : d.arch.source})\n` +
      `plugin: ${d.pluginClass}\n` +
      (pretty !== undefined ? `os-release: ${pretty}\n` : ''),
  );
  for (const line of d.stdout) io.stdout(line);
  return 0;
}

// ---- plan ---------------------------------------------------------------------------------------

const octal = (mode: number): string => mode.toString(8).padStart(4, '0');

/** One operation as a line: what, where, details, and why. */
export function formatOperation(op: PlanOperation): string {
  const owner =
    'owner' in op && op.owner !== undefined ? `, owner ${op.owner.uid}:${op.owner.gid}` : '';
  let what: string;
  switch (op.op) {
    case 'write':
      what = `write        ${op.path} (${octal(op.mode)}${owner}, ${op.content.length} chars)`;
      break;
    case 'mkdir':
      what = `${op.parents ? 'mkdir -p' : 'mkdir'}${op.parents ? '     ' : '        '}${op.path} (${octal(op.mode)}${owner})`;
      break;
    case 'symlink':
      what = `symlink      ${op.path} -> ${op.target}${op.replace === true ? ' (replacing)' : ''}${owner ? ` (${owner.slice(2)})` : ''}`;
      break;
    case 'unlink':
      what = `unlink       ${op.path}`;
      break;
    case 'ssh-host-key':
      what = `ssh-host-key ${op.path} (${op.keyType}, ${op.comment}${owner})`;
      break;
  }
  return `${what}: ${op.reason}`;
}

/** Runs `pctkit plan CONFIG ROOTFS [...]`. */
export function runPlanCommand(
  io: CliIo,
  argv: readonly string[],
  host: SetupHost = processSetupHost,
): ExitCode {
  const args = parseArgs(argv, new Set(INPUT_VALUED), new Set([...INPUT_VALUED, ...INPUT_FLAGS]));
  const prepared = prepare(io, host, args, 'plan');
  if (typeof prepared === 'number') return prepared;
  const { plan, detection, inputs } = prepared;
  if (args.flags.has('json')) {
    io.stdout(
      JSON.stringify(
        {
          hook: inputs.hook,
          os: osJson(detection),
          operations: plan.operations,
          warnings: plan.warnings,
        },
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  const n = plan.operations.length;
  io.stdout(
    `${inputs.hook} plan for ${prepared.rootfs} (${osSummary(detection)}): ${n} operation${n === 1 ? '' : 's'}\n`,
  );
  for (const op of plan.operations) io.stdout(`  ${formatOperation(op)}\n`);
  return 0;
}

// ---- apply --------------------------------------------------------------------------------------

function outcomeLine(o: OperationOutcome, dryRun: boolean): string {
  const status = o.status === 'changed' ? (dryRun ? 'would change' : 'changed') : o.status;
  const via = o.path !== o.operation.path ? ` (for ${o.operation.path})` : '';
  const changes = o.changes.length > 0 ? ` [${o.changes.join(', ')}]` : '';
  const note = o.note !== undefined ? ` (${o.note})` : '';
  return `  ${status.padEnd(12)} ${o.path}${via}${changes}${note}: ${o.operation.reason}\n`;
}

function summaryOf(report: ApplyReport): {
  operations: number;
  changed: number;
  unchanged: number;
  skipped: number;
} {
  const count = (s: OperationOutcome['status']): number =>
    report.outcomes.filter((o) => o.status === s).length;
  return {
    operations: report.outcomes.length,
    changed: count('changed'),
    unchanged: count('unchanged'),
    skipped: count('skipped'),
  };
}

function printReport(io: CliIo, p: Prepared, report: ApplyReport, failed: boolean): void {
  const s = summaryOf(report);
  const total = p.plan.operations.length;
  const done = failed
    ? `${s.operations} of ${total} operations done`
    : `${total} operation${total === 1 ? '' : 's'}`;
  const head = report.dryRun
    ? `dry run of ${p.inputs.hook} on ${p.rootfs} (${osSummary(p.detection)}), nothing written`
    : `${p.inputs.hook} applied to ${p.rootfs} (${osSummary(p.detection)})`;
  io.stdout(
    `${head}: ${done}: ${s.changed} ${report.dryRun ? 'would change' : 'changed'}, ${s.unchanged} unchanged, ${s.skipped} skipped\n`,
  );
  for (const o of report.outcomes)
    if (o.status !== 'unchanged') io.stdout(outcomeLine(o, report.dryRun));
  if (report.dryRun && report.diff !== '') io.stdout('\n' + report.diff);
}

function reportJson(p: Prepared, report: ApplyReport, error: EffectsError | undefined): string {
  return (
    JSON.stringify(
      {
        ok: error === undefined,
        rootfs: p.rootfs,
        hook: p.inputs.hook,
        dryRun: report.dryRun,
        os: osJson(p.detection),
        warnings: p.plan.warnings,
        summary: summaryOf(report),
        outcomes: report.outcomes.map((o) => ({
          index: o.index,
          op: o.operation.op,
          path: o.path,
          ...(o.path !== o.operation.path ? { planPath: o.operation.path } : {}),
          status: o.status,
          changes: o.changes,
          reason: o.operation.reason,
          ...(o.note !== undefined ? { note: o.note } : {}),
        })),
        diffs: report.diffs,
        mutations: report.mutations,
        ...(error !== undefined
          ? {
              error: {
                code: error.code,
                path: error.path,
                message: error.message,
                ...(error.operationIndex !== undefined
                  ? { operationIndex: error.operationIndex }
                  : {}),
              },
            }
          : {}),
      },
      null,
      2,
    ) + '\n'
  );
}

/** Progress on stderr: a live counter on a terminal; otherwise a line per slow operation (host keys). */
function progressPrinter(
  io: CliIo,
  host: SetupHost,
): { onProgress: (p: ApplyProgress) => void; end: () => void } {
  let live = false;
  return {
    onProgress: (p) => {
      const o = p.outcome;
      if (host.stderrIsTTY) {
        io.stderr(`\r\x1b[K[${p.done}/${p.total}] ${o.status} ${o.path}`);
        live = true;
      } else if (o.operation.op === 'ssh-host-key') {
        io.stderr(`pctkit: [${p.done}/${p.total}] ${o.operation.reason}: ${o.note ?? o.status}\n`);
      }
    },
    end: () => {
      if (live) io.stderr('\r\x1b[K');
    },
  };
}

/** Runs `pctkit apply CONFIG ROOTFS [...]`. */
export function runApplyCommand(
  io: CliIo,
  argv: readonly string[],
  host: SetupHost = processSetupHost,
): ExitCode {
  const flags = [...INPUT_FLAGS, 'dry-run', 'keep-ssh-host-keys'];
  const args = parseArgs(argv, new Set(INPUT_VALUED), new Set([...INPUT_VALUED, ...flags]));
  const prepared = prepare(io, host, args, 'apply');
  if (typeof prepared === 'number') return prepared;
  const dryRun = args.flags.has('dry-run');
  const progress = progressPrinter(io, host);
  const result = applyPlanToRootfs(prepared.rootfs, prepared.plan.operations, {
    dryRun,
    snapshot: prepared.snapshot,
    hostKeys: args.flags.has('keep-ssh-host-keys') ? 'keep-existing' : 'replace',
    onProgress: progress.onProgress,
    ...(host.sshKeygen !== undefined ? { sshKeygen: host.sshKeygen } : {}),
  });
  progress.end();
  const json = args.flags.has('json');
  if (E.isLeft(result)) {
    const failure = result.left;
    if (json) io.stdout(reportJson(prepared, failure.report, failure));
    else printReport(io, prepared, failure.report, true);
    const at =
      failure.operationIndex !== undefined
        ? ` (operation ${failure.operationIndex + 1} of ${prepared.plan.operations.length})`
        : '';
    io.stderr(`pctkit: apply failed${at}: ${failure.message}\n`);
    if (failure.report.changed.length > 0 && !dryRun)
      io.stderr(
        'pctkit: the operations before it were applied (each file is wholly old or wholly new); run apply again to finish\n',
      );
    return 1;
  }
  if (json) io.stdout(reportJson(prepared, result.right, undefined));
  else printReport(io, prepared, result.right, false);
  return 0;
}
