/**
 * `pctkit config set`, `pctkit config pending` and `pctkit snapshot create|delete|rollback`: the
 * config operations of src/ops on files. There is no storage and no running container here:
 * volume operations, hotplug steps and container control are reported, not performed.
 */
import { randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { PctConfig } from '../config/model.js';
import { readConfig } from '../config/reader.js';
import { writeConfig } from '../config/writer.js';
import { proxmoxTextOf } from '../diagnostics/diagnostic.js';
import type { ConfigAction } from '../ops/actions.js';
import type { PendingChange } from '../ops/apply-pending.js';
import { applyPending, pendingChanges, revertPending } from '../ops/apply-pending.js';
import { rewritePreservingFormat } from '../ops/edit.js';
import { DEFAULT_MAC_PREFIX, randomMacAddress } from '../ops/mac-address.js';
import { setConfig } from '../ops/set-config.js';
import type { SetHost } from '../ops/set-config.js';
import { recordingHost } from '../ops/snapshot-host.js';
import type { HostCall } from '../ops/snapshot-host.js';
import { snapshotCreate, snapshotDelete, snapshotRollback } from '../ops/snapshot.js';
import type { SnapshotOutcome } from '../ops/snapshot.js';
import type { RandomSource } from '../random/random-source.js';
import { allSchemaKeys } from '../schema/container-schema.js';
import { schemaKey } from '../schema/key-registry.js';
import { unifiedDiff } from '../text/unified-diff.js';
import { UsageError, parseArgs } from './args.js';
import {
  fileErrorMessage,
  hostReadOptions,
  humanIo,
  mayEmpty,
  mayRewrite,
  vmidOf,
} from './input.js';
import { updateFile } from './io.js';
import type { CliIo, ExitCode } from './io.js';

/** Usage text of these commands (to be added to the main usage). */
export const opsUsage = `  pctkit config set FILE [--KEY VALUE]... [--delete KEY[,KEY]...] [--revert KEY[,KEY]...]
                  [--running] [--preserve-format] [--dry-run] [--skiplock] [--cgroup 1|2] [--vmid N]
                  [--mac-prefix PREFIX] [--digest SHA1] [--force]
      Apply 'pct set' to FILE: print the hotplug actions and what stays pending, then write it.
      --delete KEY   delete keys (!KEY forces); --revert KEY drops pending changes of keys
      --running      the container is running: hotplug what can be, keep the rest pending
      --preserve-format  change only the lines that must change, keeping comments and layout
      --dry-run      print the unified diff of the change instead of writing the file
      --digest SHA1  refuse to write if FILE's SHA-1 is not SHA1 (it changed since it was read)
      --force        write even if FILE has errors (printing each line Proxmox drops)
      --mac-prefix PREFIX  the MAC prefix of new NICs (default BC:24:11)
  pctkit config pending FILE [--apply | --revert] [--dry-run] [--force]
      List the pending changes; --apply applies all of them (as a start does); --revert drops them.
  pctkit snapshot create|delete|rollback FILE NAME [--force] [--description TEXT] [--running]
                  [--vmid N] [--dry-run]
      Run a snapshot operation on FILE's config. Volume operations are reported, not performed.
      --description TEXT  (alias --comment) the snapshot's description, for create
      --force        delete: as pct's; all: write even if FILE has errors
`;

/** A random source from the operating system's CSPRNG (the CLI may use one; the core may not). */
function systemRandom(): RandomSource {
  return { next: () => randomBytes(4).readUInt32BE(0) / 2 ** 32 };
}

function splitKeys(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(/[,;\s]+/)).filter((k) => k !== '');
}

/** One action as a line of text. */
export function formatAction(a: ConfigAction): string {
  switch (a.kind) {
    case 'memory':
      return `memory: memory.max=${a.memoryMaxBytes} memory.high=${a.memoryHighBytes} memory.swap.max=${a.swapMaxBytes} (memory ${a.memoryMiB} MiB, swap ${a.swapMiB} MiB)`;
    case 'swap-reset':
      return 'swap: memory.swap.max=0';
    case 'cpulimit':
      return `cpulimit: cpu.max=${a.quota} ${a.period}`;
    case 'cpuunits':
      return `cpuunits: cpu.weight=${a.weight}`;
    case 'nic-add':
      return `${a.key}: add NIC ${a.value}`;
    case 'nic-remove':
      return `${a.key}: remove NIC ${a.value}`;
    case 'nic-update': {
      const how = a.recreate
        ? 're-create veth'
        : a.rateOnly
          ? 'set rate'
          : a.replug
            ? 're-plug veth'
            : a.ipconfig
              ? 'reconfigure addresses'
              : 'update';
      return `${a.key}: ${how} (${a.changed.join(', ') || 'no change'}) -> ${a.value}`;
    }
    case 'mount-point-add':
      return `${a.key}: hot-plug mount point ${a.value}`;
    case 'device-add':
      return `${a.key}: hot-add device ${a.value}`;
    case 'destroy-volume':
      return `${a.key}: free volume ${a.volid}`;
    case 'allocate-volume':
      return `${a.key}: allocate ${a.sizeGiB} GiB on ${a.storage} as ${a.volid}`;
    case 'release-ipam':
      return `${a.key}: release IPAM entries of ${a.value}`;
  }
}

function formatPending(c: PendingChange): string {
  if (c.delete !== undefined) return `delete ${c.key}${c.delete === 2 ? ' (forced)' : ''}`;
  return `${c.key}: ${c.value === undefined ? '(unset)' : c.value} -> ${c.pending ?? ''}`;
}

function printReport(
  io: CliIo,
  actions: readonly ConfigAction[],
  pending: readonly PendingChange[],
): void {
  io.stdout(
    actions.length === 0
      ? 'actions: none\n'
      : 'actions:\n' + actions.map((a) => `  ${formatAction(a)}\n`).join(''),
  );
  io.stdout(
    pending.length === 0
      ? 'pending: none\n'
      : 'pending:\n' + pending.map((c) => `  ${formatPending(c)}\n`).join(''),
  );
}

function canonical(config: PctConfig): E.Either<string, string> {
  const w = writeConfig(config);
  return E.isLeft(w) ? E.left(w.left[0].message) : E.right(w.right);
}

/** What an edit writes: the new text, or nothing for a dry run (which prints the diff instead). */
function save(
  io: CliIo,
  file: string,
  before: string,
  after: string,
  dryRun: boolean,
): string | undefined {
  if (!dryRun) return after;
  io.stdout(unifiedDiff(before, after, file, `${file} (new)`));
  return undefined;
}

/** Runs `edit` on FILE under its lock; a file that cannot be read or written is reported: exit 1. */
function editFile(
  io: CliIo,
  file: string,
  edit: (text: string, digest: string) => { write?: string; status: ExitCode },
): ExitCode {
  let status: ExitCode = 0;
  try {
    updateFile(io, file, ({ text, digest }) => {
      const result = edit(text, digest);
      status = result.status;
      return result.write;
    });
  } catch (e) {
    io.stderr(fileErrorMessage(file, e, 'write') + '\n');
    return 1;
  }
  return status;
}

/** Keys the API does not know in `--delete`/`--revert`: `unknown option '<k>'` (as the API says). */
function unknownKeys(keys: readonly string[]): string[] {
  return keys.filter((k) => {
    const key = k.startsWith('!') ? k.slice(1) : k;
    return key === 'parent' || key === 'snaptime' || schemaKey(key) === undefined;
  });
}

const SET_VALUED = ['delete', 'revert', 'cgroup', 'vmid', 'mac-prefix', 'digest'];
const SET_FLAGS = ['running', 'preserve-format', 'dry-run', 'skiplock', 'force'];
const MODIFIED = 'detected modified configuration - file changed by other user? Try again.\n';

/** Runs `pctkit config set FILE ...` (argv after `set`). */
export function runSetCommand(raw: CliIo, argv: readonly string[]): ExitCode {
  const io = humanIo(raw);
  const keys = allSchemaKeys();
  const valued = new Set([...keys, ...SET_VALUED]);
  const args = parseArgs(argv, valued, new Set([...valued, ...SET_FLAGS]));
  if (args.positionals.length !== 1) throw new UsageError('config set needs exactly one FILE');
  const file = args.positionals[0] as string;
  const cgroup = args.flags.get('cgroup')?.[0] ?? '2';
  if (cgroup !== '1' && cgroup !== '2') throw new UsageError('--cgroup must be 1 or 2');
  const set: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const key of keys) {
    const values = args.flags.get(key);
    if (values === undefined) continue;
    if (values.length > 1) throw new UsageError(`--${key} given more than once`);
    set[key] = values[0] as string;
  }
  const del = splitKeys(args.flags.get('delete'));
  const revert = splitKeys(args.flags.get('revert'));
  if (Object.keys(set).length === 0 && del.length === 0 && revert.length === 0)
    throw new UsageError('config set needs something to set, delete or revert');
  const digestFlag = args.flags.get('digest')?.[0];
  if (digestFlag !== undefined && digestFlag.length > 40)
    throw new UsageError('--digest: value may only be 40 characters long');
  // The API checks these before it looks at the config: `unknown option '<k>'` (also for `__proto__`).
  const unknown = [
    ...unknownKeys(del).map((k) => ['delete', k]),
    ...unknownKeys(revert).map((k) => ['revert', k]),
  ];
  if (unknown.length > 0) {
    io.stderr(
      'Parameter verification failed.\n' +
        unknown.map(([p, k]) => `${p}: unknown option '${k}'\n`).join(''),
    );
    return 1;
  }
  const random = systemRandom();
  const prefix = args.flags.get('mac-prefix')?.[0] ?? DEFAULT_MAC_PREFIX;
  const timezones = io.timezones?.();
  const host: SetHost = {
    vmid: vmidOf(file, args.flags.get('vmid')?.[0]),
    cgroupVersion: cgroup === '1' ? 1 : 2,
    macAddress: () => randomMacAddress(random, prefix),
    ...(timezones !== undefined ? { timezones } : {}),
  };
  const force = args.flags.has('force');
  return editFile(io, file, (text, digest) => {
    if (digestFlag !== undefined && digestFlag !== digest) {
      io.stderr(MODIFIED);
      return { status: 1 };
    }
    const read = readConfig(text, hostReadOptions(io));
    if (!mayRewrite(io, file, text, read, force)) return { status: 1 };
    const result = setConfig(
      read.config,
      {
        set,
        delete: del,
        revert,
        running: args.flags.has('running'),
        skipLock: args.flags.has('skiplock'),
      },
      host,
    );
    if (E.isLeft(result)) {
      io.stderr(proxmoxTextOf(result.left));
      return { status: 1 };
    }
    // Proxmox's warnings (its text), then pctkit's notices.
    const reported = result.right.diagnostics;
    for (const w of reported) if (w.severity !== 'notice') io.stderr(proxmoxTextOf([w]));
    for (const n of reported) if (n.severity === 'notice') io.stderr(`note: ${n.message}\n`);
    printReport(io, result.right.actions, result.right.pending);
    let out: E.Either<string, string> = canonical(result.right.config);
    if (args.flags.has('preserve-format')) {
      const kept = rewritePreservingFormat(text, result.right.config);
      if (E.isRight(kept)) out = kept;
      else io.stderr(`note: ${kept.left[0].message}; writing the canonical form\n`);
    }
    if (E.isLeft(out)) {
      io.stderr(`${file}: not written: ${out.left}\n`);
      return { status: 1 };
    }
    if (!mayEmpty(io, file, text, out.right, force)) return { status: 1 };
    const write = save(io, file, text, out.right, args.flags.has('dry-run'));
    return write !== undefined ? { write, status: 0 } : { status: 0 };
  });
}

/** Runs `pctkit config pending FILE [--apply | --revert]` (argv after `pending`). */
export function runPendingCommand(raw: CliIo, argv: readonly string[]): ExitCode {
  const io = humanIo(raw);
  const args = parseArgs(argv, new Set(), new Set(['apply', 'revert', 'dry-run', 'force']));
  if (args.positionals.length !== 1) throw new UsageError('config pending needs exactly one FILE');
  const doApply = args.flags.has('apply');
  const doRevert = args.flags.has('revert');
  if (doApply && doRevert) throw new UsageError('--apply and --revert exclude each other');
  const force = args.flags.has('force');
  const file = args.positionals[0] as string;
  return editFile(io, file, (text) => {
    const read = readConfig(text, hostReadOptions(io));
    const { config } = read;
    const changes = (c: PctConfig): PendingChange[] =>
      pendingChanges(c).filter((p) => p.pending !== undefined || p.delete !== undefined);
    if (!doApply && !doRevert) {
      printReport(io, [], changes(config));
      return { status: 0 };
    }
    if (!mayRewrite(io, file, text, read, force)) return { status: 1 };
    let next: PctConfig;
    let failed = false;
    if (doApply) {
      const random = systemRandom();
      const applied = applyPending(config, { macAddress: () => randomMacAddress(random) });
      const warnings = applied.diagnostics.filter((d) => d.severity === 'warning');
      for (const w of warnings) io.stderr(proxmoxTextOf([w]));
      failed = warnings.length > 0;
      printReport(io, applied.actions, changes(applied.config));
      next = applied.config;
    } else {
      next = revertPending(config);
      printReport(io, [], []);
    }
    const out = canonical(next);
    if (E.isLeft(out)) {
      io.stderr(`${file}: not written: ${out.left}\n`);
      return { status: 1 };
    }
    if (!mayEmpty(io, file, text, out.right, force)) return { status: 1 };
    const write = save(io, file, text, out.right, args.flags.has('dry-run'));
    const status: ExitCode = failed ? 1 : 0;
    return write !== undefined ? { write, status } : { status };
  });
}

function formatCall(c: HostCall): string {
  const what = c.volumes.join(' ');
  switch (c.op) {
    case 'activate':
      return `activate storage of ${what}`;
    case 'has-feature':
      return `check snapshot support of ${what}`;
    case 'snapshot':
      return `snapshot ${what} as '${c.snapname ?? ''}'`;
    case 'delete-snapshot':
      return `delete snapshot '${c.snapname ?? ''}' of ${what}`;
    case 'rollback-possible':
      return `check rollback of ${what} to '${c.snapname ?? ''}'`;
    case 'rollback':
      return `roll back ${what} to '${c.snapname ?? ''}'`;
    default:
      return `${c.op} the container`;
  }
}

/** Runs `pctkit snapshot create|delete|rollback FILE NAME ...` (argv after `snapshot`). */
export function runSnapshotCommand(
  raw: CliIo,
  argv: readonly string[],
  now: () => number = () => Math.floor(Date.now() / 1000),
): ExitCode {
  const io = humanIo(raw);
  const [sub, ...rest] = argv;
  if (sub !== 'create' && sub !== 'delete' && sub !== 'rollback') {
    throw new UsageError(
      sub === undefined ? 'snapshot needs a subcommand' : `unknown snapshot subcommand '${sub}'`,
    );
  }
  const args = parseArgs(
    rest,
    new Set(['description', 'comment', 'vmid']),
    new Set(['force', 'description', 'comment', 'running', 'vmid', 'dry-run']),
  );
  if (args.positionals.length !== 2) throw new UsageError(`snapshot ${sub} needs FILE and NAME`);
  const [file, name] = args.positionals as [string, string];
  const descriptions = [
    ...(args.flags.get('description') ?? []),
    ...(args.flags.get('comment') ?? []),
  ];
  if (descriptions.length > 0 && sub !== 'create')
    throw new UsageError('--description is for snapshot create');
  if (descriptions.length > 1) throw new UsageError('--description given more than once');
  if (
    sub === 'create' &&
    (!/^[A-Za-z][A-Za-z0-9_-]+$/.test(name) ||
      name.length > 40 ||
      name === 'current' ||
      name === 'vzdump')
  ) {
    io.stderr(`invalid snapshot name '${name}'\n`);
    return 1;
  }
  const force = args.flags.has('force');
  return editFile(io, file, (text) => {
    const read = readConfig(text, hostReadOptions(io));
    if (!mayRewrite(io, file, text, read, force)) return { status: 1 };
    const config = read.config;
    const host = recordingHost(now, args.flags.has('running'));
    let outcome: SnapshotOutcome;
    if (sub === 'create') {
      const comment = descriptions[0];
      outcome = snapshotCreate(config, name, comment !== undefined ? { comment } : {}, host);
    } else if (sub === 'delete') outcome = snapshotDelete(config, name, { force }, host);
    else
      outcome = snapshotRollback(
        config,
        name,
        { vmid: vmidOf(file, args.flags.get('vmid')?.[0]) },
        host,
      );
    for (const call of host.calls)
      if (call.op !== 'has-feature') io.stdout(`would ${formatCall(call)}\n`);
    for (const w of outcome.warnings) io.stderr(proxmoxTextOf([w]));
    let write: string | undefined;
    if (outcome.writes.length > 0) {
      const out = canonical(outcome.config);
      if (E.isLeft(out)) {
        io.stderr(`${file}: not written: ${out.left}\n`);
        return { status: 1 };
      }
      if (!mayEmpty(io, file, text, out.right, force)) return { status: 1 };
      write = save(io, file, text, out.right, args.flags.has('dry-run'));
    }
    if (E.isLeft(outcome.result)) {
      io.stderr(outcome.result.left[0].proxmoxText ?? outcome.result.left[0].message);
      return write !== undefined ? { write, status: 1 } : { status: 1 };
    }
    return write !== undefined ? { write, status: 0 } : { status: 0 };
  });
}
