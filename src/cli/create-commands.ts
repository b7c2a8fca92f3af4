/**
 * `pctkit create` and `pctkit restore-config`: `pct create` offline into a directory, and the
 * config half of `pct restore`. Asynchronous (extraction streams), so they run through
 * `runCliAsync` in main.ts.
 */
import * as E from 'fp-ts/lib/Either.js';
import { planCreate, planPostCreate } from '../create/create-plan.js';
import { isVzdumpConfigMember, planRestoreConfig } from '../create/restore-config.js';
import { templateCompression } from '../create/template-name.js';
import { readArchiveMember } from '../effects/extract/read-member.js';
import type { CreatePlan } from '../create/create-plan.js';
import { writeConfig } from '../config/writer.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatLocated } from '../diagnostics/diagnostic.js';
import { applyPlanToRootfs } from '../effects/apply-to-rootfs.js';
import { extractArchive } from '../effects/extract/extract-archive.js';
import type { ExtractProgress, ExtractSummary } from '../effects/extract/extract-archive.js';
import { readRootfs } from '../effects/read-rootfs.js';
import { drand48 } from '../random/drand48.js';
import type { RandomSource } from '../random/random-source.js';
import { terminalSafeLine } from '../text/terminal-safe.js';
import { UsageError, parserFlags } from './args.js';
import type { CliIo, ExitCode } from './io.js';
import type { SetupHost } from './setup-commands.js';
import { parseHostResolvConf, parseNow } from './setup-commands.js';

export const createUsage = `  pctkit create VMID TEMPLATE --rootfs DIR [--config OUT] [pct create options…]
                 [--dry-run] [--json] [--seed N] [--now ISO8601] [--no-ssh-host-keys]
                 [--max-bytes N] [--max-members N]
      pct create offline: extract TEMPLATE (.tar, .tar.gz|xz|zst|bz2) safely into DIR (an existing
      directory: the container's mounted rootfs), detect the OS, run the post-create setup, and
      write the config Proxmox would write to OUT (default: stdout). pct create options are given
      as --key value (--hostname, --net0, --rootfs-size is --rootfs local:8, --password (a crypt
      hash), --ssh-public-keys FILE-CONTENTS, --unprivileged 0, --ignore-unpack-errors 1, …).
      --dry-run prints the config and the plans without extracting. A progress bar on a terminal.
  pctkit restore-config ARCHIVE [--vmid N] [--json] [--unique] [--not-root] [--seed N] [pct options…]
      Reads ./etc/vzdump/pct.conf from a vzdump archive (without extracting the rest) and prints
      the config pct restore would write, merged with the given options as pct restore merges.
`;

const OWN_VALUED = new Set(['rootfs-dir', 'config', 'seed', 'now', 'max-bytes', 'max-members']);
const OWN_FLAGS = new Set(['dry-run', 'json', 'no-ssh-host-keys']);
const RESTORE_FLAGS = ['json', 'unique', 'not-root', 'vmid', 'seed'];

/** Host facts of the create command (a subset of the setup commands' host). */
export type CreateCliHost = SetupHost;

interface CreateArgs {
  readonly vmid: number;
  readonly template: string;
  readonly target?: string;
  readonly configOut?: string;
  readonly options: Record<string, string>;
  readonly own: Map<string, string>;
  readonly flags: Set<string>;
}

/** `--key value` / `--key=value`; `--rootfs` is the target directory unless it looks like a volume. */
function parseCreateArgs(argv: readonly string[]): CreateArgs {
  // pct create's own options (any container key) are checked by the planner; these are pctkit's.
  parserFlags.listener?.(new Set([...OWN_VALUED, ...OWN_FLAGS, 'rootfs']), OWN_VALUED);
  const positionals: string[] = [];
  const options: Record<string, string> = Object.create(null) as Record<string, string>;
  const own = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (OWN_FLAGS.has(name)) {
      flags.add(name);
      continue;
    }
    let value: string;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`--${name} needs a value`);
      value = next;
      i++;
    }
    if (
      name === 'rootfs-dir' ||
      (name === 'rootfs' && (value.startsWith('/') || value.startsWith('.')))
    )
      own.set('rootfs-dir', value);
    else if (OWN_VALUED.has(name)) own.set(name, value);
    else options[name] = value;
  }
  const [vmidText, template, ...extra] = positionals;
  if (vmidText === undefined || template === undefined)
    throw new UsageError('create needs VMID and TEMPLATE');
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0] as string}'`);
  if (!/^[1-9]\d{2,8}$/.test(vmidText))
    throw new UsageError(`VMID must be an integer from 100 to 999999999, not '${vmidText}'`);
  const target = own.get('rootfs-dir');
  const configOut = own.get('config');
  return {
    vmid: Number(vmidText),
    template,
    ...(target !== undefined ? { target } : {}),
    ...(configOut !== undefined ? { configOut } : {}),
    options,
    own,
    flags,
  };
}

function hostRandom(host: SetupHost): RandomSource {
  return {
    next: () => {
      let v = 0;
      for (const byte of host.randomBytes(7)) v = v * 256 + byte;
      return (v % 2 ** 53) / 2 ** 53;
    },
  };
}

function positiveInt(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text))
    throw new UsageError(`--${name} must be a positive integer, not '${text}'`);
  return Number(text);
}

function printDiagnostics(io: CliIo, list: readonly Diagnostic[]): void {
  for (const d of list) io.stderr(terminalSafeLine(formatLocated(d)) + '\n');
}

function human(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(u === 0 ? 0 : 1)} ${units[u] as string}`;
}

/** A one-line progress bar on a terminal: percentage of the archive read, members, rate, ETA. */
function progressBar(
  io: CliIo,
  host: SetupHost,
): { onProgress: (p: ExtractProgress) => void; end: () => void } {
  if (!host.stderrIsTTY) return { onProgress: () => undefined, end: () => undefined };
  const start = host.nowMs();
  let last = 0;
  let shown = false;
  return {
    onProgress: (p) => {
      const now = host.nowMs();
      if (now - last < 100 && p.archiveRead < p.archiveSize) return;
      last = now;
      const frac = p.archiveSize > 0 ? Math.min(1, p.archiveRead / p.archiveSize) : 0;
      const width = 24;
      const filled = Math.round(frac * width);
      const secs = Math.max((now - start) / 1000, 0.001);
      const rate = p.tarBytes / secs;
      const eta = frac > 0 ? (secs / frac) * (1 - frac) : 0;
      io.stderr(
        `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%  ` +
          `${p.members} members  ${human(p.tarBytes)}  ${human(rate)}/s  ETA ${eta.toFixed(0)}s\x1b[K`,
      );
      shown = true;
    },
    end: () => {
      if (shown) io.stderr('\n');
    },
  };
}

function summaryLine(s: ExtractSummary): string {
  return (
    `extracted: ${s.members} members, ${s.bytes} bytes, ${s.skipped} skipped, ${s.excluded} excluded, ` +
    `${s.errors} errors, ${s.devices.length} devices recorded\n`
  );
}

function dryRunJson(plan: CreatePlan, configText: string): string {
  return (
    JSON.stringify(
      {
        config: configText,
        volumes: plan.volumes,
        extraction: plan.extraction,
        diagnostics: plan.diagnostics,
      },
      null,
      2,
    ) + '\n'
  );
}

/** `pctkit create`. */
export async function runCreateCommand(
  io: CliIo,
  argv: readonly string[],
  host: SetupHost,
): Promise<ExitCode> {
  const args = parseCreateArgs(argv);
  const json = args.flags.has('json');
  const seedText = args.own.get('seed');
  const random =
    seedText !== undefined ? drand48(positiveInt(seedText, 'seed') as number) : hostRandom(host);
  const planned = planCreate(
    { vmid: args.vmid, template: args.template, options: args.options },
    { random },
  );
  if (E.isLeft(planned)) {
    if (json) io.stdout(JSON.stringify({ ok: false, diagnostics: planned.left }, null, 2) + '\n');
    else printDiagnostics(io, planned.left);
    return 1;
  }
  const plan = planned.right;
  if (!json) printDiagnostics(io, plan.diagnostics);
  if (args.flags.has('dry-run')) {
    const text = writeConfig(plan.config);
    const configText = E.isRight(text) ? text.right : '';
    if (json) io.stdout(dryRunJson(plan, configText));
    else {
      io.stdout(`# config before extraction (detection and defaults follow it)\n${configText}`);
      io.stdout(
        `# extraction (Proxmox's command):\n# ${plan.extraction.proxmoxCommand.join(' ')}\n`,
      );
      for (const v of plan.volumes) {
        io.stdout(
          `# volume ${v.key}: ${v.volid}${v.size !== undefined ? ` (${v.size} bytes, ${v.format ?? ''})` : ''} at ${v.mountPath}\n`,
        );
      }
    }
    return 0;
  }
  if (args.target === undefined)
    throw new UsageError('create needs --rootfs DIR (the target directory), or --dry-run');
  const allocated = plan.volumes.reduce((sum, v) => sum + (v.size ?? 0), 0);
  const maxBytes =
    positiveInt(args.own.get('max-bytes'), 'max-bytes') ?? (allocated > 0 ? allocated : undefined);
  const maxMembers = positiveInt(args.own.get('max-members'), 'max-members');
  const bar = progressBar(io, host);
  const extracted = await extractArchive({
    archive: args.template,
    compression: plan.extraction.compression,
    target: args.target,
    idMap: plan.idMap,
    ignoreUnpackErrors: plan.ignoreUnpackErrors,
    ...(maxBytes !== undefined ? { maxBytes } : {}),
    ...(maxMembers !== undefined ? { maxMembers } : {}),
    onProgress: bar.onProgress,
  });
  bar.end();
  if (E.isLeft(extracted)) {
    if (json) io.stdout(JSON.stringify({ ok: false, diagnostics: extracted.left }, null, 2) + '\n');
    else printDiagnostics(io, extracted.left);
    return 1;
  }
  const summary = extracted.right;
  if (!json)
    printDiagnostics(
      io,
      summary.diagnostics.filter((d) => d.severity !== 'notice'),
    );
  const snapshot = readRootfs(args.target);
  if (E.isLeft(snapshot)) {
    io.stderr(`pctkit: ${args.target}: ${snapshot.left[0].message}\n`);
    return 1;
  }
  const nowText = args.own.get('now');
  const nowMs = nowText === undefined ? host.nowMs() : parseNow(nowText);
  const hostDns = parseHostResolvConf(host.readHostFile('/etc/resolv.conf') ?? '');
  const post = planPostCreate(plan, {
    snapshot: snapshot.right,
    now: Math.floor(nowMs / 1000),
    random,
    uuid: () => host.randomUuid(),
    hostDns,
    sshHostKeys: !args.flags.has('no-ssh-host-keys'),
  });
  if (E.isLeft(post)) {
    if (json)
      io.stdout(
        JSON.stringify({ ok: false, extraction: summary, diagnostics: post.left }, null, 2) + '\n',
      );
    else printDiagnostics(io, post.left);
    return 1;
  }
  if (!json) printDiagnostics(io, post.right.diagnostics);
  const applied = applyPlanToRootfs(args.target, post.right.setup.operations, {
    snapshot: snapshot.right,
    ...(host.sshKeygen !== undefined ? { sshKeygen: host.sshKeygen } : {}),
  });
  if (E.isLeft(applied)) {
    io.stderr(`pctkit: setup failed: ${applied.left[0].message}\n`);
    return 1;
  }
  if (args.configOut !== undefined) io.writeFile(args.configOut, post.right.configText);
  if (json) {
    io.stdout(
      JSON.stringify(
        {
          ok: true,
          extraction: summary,
          config: post.right.configText,
          ostype: post.right.detection.type,
          arch: post.right.detection.arch.arch,
          setupOperations: post.right.setup.operations.length,
          diagnostics: [...plan.diagnostics, ...post.right.diagnostics],
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    if (args.configOut === undefined) io.stdout(post.right.configText);
    io.stderr(summaryLine(summary));
  }
  return 0;
}

/** `pctkit restore-config ARCHIVE [--vmid N] [--unique] [--not-root] [--json] [pct options…]`. */
export async function runRestoreConfigCommand(
  io: CliIo,
  argv: readonly string[],
  host: SetupHost,
): Promise<ExitCode> {
  parserFlags.listener?.(new Set(RESTORE_FLAGS), new Set(['vmid', 'seed']));
  const positionals: string[] = [];
  const options: Record<string, string> = Object.create(null) as Record<string, string>;
  const flags = new Set<string>();
  let vmid = 100;
  let seed: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (name === 'json' || name === 'unique' || name === 'not-root') {
      flags.add(name);
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (name === 'vmid') vmid = positiveInt(value, 'vmid') as number;
    else if (name === 'seed') seed = positiveInt(value, 'seed');
    else options[name] = value;
  }
  const [archive, ...extra] = positionals;
  if (archive === undefined) throw new UsageError('restore-config needs ARCHIVE');
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0] as string}'`);
  const compression = templateCompression(archive);
  const json = flags.has('json');
  const failWith = (list: readonly Diagnostic[]): ExitCode => {
    if (json) io.stdout(JSON.stringify({ ok: false, diagnostics: list }, null, 2) + '\n');
    else printDiagnostics(io, list);
    return 1;
  };
  if (E.isLeft(compression)) return failWith(compression.left);
  const member = await readArchiveMember(archive, compression.right, isVzdumpConfigMember);
  if (E.isLeft(member)) return failWith(member.left);
  const found = member.right;
  const random = seed !== undefined ? drand48(seed) : hostRandom(host);
  const planned = planRestoreConfig(
    {
      vmid,
      backupConfig: found === undefined ? undefined : new TextDecoder().decode(found.data),
      ...(found !== undefined ? { member: found.name } : {}),
      options,
      unique: flags.has('unique'),
    },
    { random, root: !flags.has('not-root') },
  );
  if (E.isLeft(planned)) return failWith(planned.left);
  if (json) {
    io.stdout(
      JSON.stringify(
        { ok: true, config: planned.right.configText, diagnostics: planned.right.diagnostics },
        null,
        2,
      ) + '\n',
    );
  } else {
    printDiagnostics(io, planned.right.diagnostics);
    io.stdout(planned.right.configText);
  }
  return 0;
}
