/**
 * `pctkit start-plan`: everything `pct start` computes for a container before LXC runs, from the
 * config, the host facts, storage.cfg and the container's (mounted) root filesystem.
 */
import * as E from 'fp-ts/lib/Either.js';
import { readConfig } from '../config/reader.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatLocated } from '../diagnostics/diagnostic.js';
import { readRootfs } from '../effects/read-rootfs.js';
import { drand48 } from '../random/drand48.js';
import { decodeHostFacts } from '../start/host-facts.js';
import { planStart } from '../start/start-plan.js';
import type { StartPlan } from '../start/start-plan.js';
import { parseStorageConfig } from '../storage/storage-config.js';
import { UsageError, parseArgs } from './args.js';
import { humanIo, readInput, vmidOf } from './input.js';
import type { CliIo, ExitCode } from './io.js';
import { parseHostResolvConf, processSetupHost } from './setup-host.js';
import type { SetupHost } from './setup-host.js';

export const startPlanUsage = `  pctkit start-plan CONFIG ROOTFS --facts FACTS.json --storage STORAGE_CFG [--vmid N] [--seed N]
                    [--node NAME] [--json]
      Everything pct start computes before LXC runs: the pending changes it applies first, the
      LXC config (and rules.seccomp), the mounts, the ostype check on ROOTFS (the container's
      mounted root filesystem) and the pre-start setup plan; Proxmox's warnings, or its error
      (exit 1). --json prints the whole plan as JSON.
`;

const VALUED = ['facts', 'storage', 'vmid', 'seed', 'node'];

function readJson(io: CliIo, file: string): E.Either<string, unknown> {
  const text = readInput(io, file);
  if (E.isLeft(text)) return text;
  try {
    return E.right(JSON.parse(text.right) as unknown);
  } catch (e) {
    return E.left(`${file}: not JSON: ${(e as Error).message}`);
  }
}

/** What a person reads: each part in one or a few lines, then the generated files. */
function printPlan(io: CliIo, plan: StartPlan): void {
  const out: string[] = [];
  if (plan.pending !== null)
    out.push(`pending changes applied first: ${plan.pending.actions.length} action(s)`);
  out.push(
    `ostype: ${plan.os.configured ?? '(none)'} configured, ${plan.os.detected}${plan.os.version === undefined ? '' : ` ${plan.os.version}`} detected`,
  );
  out.push(`mounts (${plan.mounts.mounts.length}):`);
  for (const m of plan.mounts.mounts)
    out.push(
      `  ${m.key}: ${m.kind} ${m.source} -> ${m.containerPath}${m.options.length > 0 ? ` (${m.options.join(',')})` : ''}`,
    );
  for (const d of plan.mounts.devices) out.push(`  device ${d.key}: ${d.path}`);
  out.push(`pre-start setup: ${plan.setup.operations.length} operation(s)`);
  for (const op of plan.setup.operations) out.push(`  ${op.op} ${op.path}`);
  if (plan.lxcConfig.files === null) out.push('lxc config: none (a template)');
  else {
    out.push('--- /var/lib/lxc/<vmid>/config');
    out.push(plan.lxcConfig.files.config.replace(/\n$/, ''));
    if (plan.lxcConfig.files.rulesSeccomp !== undefined) {
      out.push('--- /var/lib/lxc/<vmid>/rules.seccomp');
      out.push(plan.lxcConfig.files.rulesSeccomp.replace(/\n$/, ''));
    }
  }
  io.stdout(out.join('\n') + '\n');
}

function printDiagnostics(io: CliIo, list: readonly Diagnostic[]): void {
  for (const d of list) {
    if (d.proxmoxText !== undefined) io.stderr(d.proxmoxText);
    else if (d.severity !== 'notice') io.stderr(`${formatLocated(d)}\n`);
  }
}

/** Runs `pctkit start-plan …`; `host` supplies the clock, randomness and host DNS. */
export function runStartPlanCommand(
  io: CliIo,
  argv: readonly string[],
  host: SetupHost = processSetupHost,
): ExitCode {
  const args = parseArgs(argv, new Set(VALUED), new Set([...VALUED, 'json']));
  const [configFile, rootfsDir, ...extra] = args.positionals;
  if (configFile === undefined || rootfsDir === undefined)
    throw new UsageError('start-plan needs CONFIG and ROOTFS');
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0] as string}'`);
  const factsFile = args.flags.get('facts')?.[0];
  const storageFile = args.flags.get('storage')?.[0];
  if (factsFile === undefined) throw new UsageError('start-plan needs --facts FACTS.json');
  if (storageFile === undefined) throw new UsageError('start-plan needs --storage STORAGE_CFG');
  const json = args.flags.has('json');
  const human = json ? io : humanIo(io);
  const fail = (message: string): ExitCode => {
    human.stderr(`${message}\n`);
    return 1;
  };

  const configText = readInput(io, configFile);
  if (E.isLeft(configText)) return fail(configText.left);
  const factsJson = readJson(io, factsFile);
  if (E.isLeft(factsJson)) return fail(factsJson.left);
  const facts = decodeHostFacts(factsJson.right);
  if (E.isLeft(facts)) return fail(facts.left.map((d) => `${factsFile}: ${d.message}`).join('\n'));
  const storageText = readInput(io, storageFile);
  if (E.isLeft(storageText)) return fail(storageText.left);
  const rootfs = readRootfs(rootfsDir);
  if (E.isLeft(rootfs)) return fail(`${rootfsDir}: ${rootfs.left[0].message}`);

  const vmidText = vmidOf(configFile, args.flags.get('vmid')?.[0]);
  const vmid = Number(vmidText);
  if (!/^\d+$/.test(vmidText) || vmid === 0)
    throw new UsageError(`start-plan cannot tell the vmid of '${configFile}': give --vmid N`);
  const seedText = args.flags.get('seed')?.[0];
  if (seedText !== undefined && !/^\d+$/.test(seedText))
    throw new UsageError(`--seed needs a non-negative integer, got '${seedText}'`);
  const node = args.flags.get('node')?.[0];

  const plan = planStart({
    config: readConfig(configText.right).config,
    vmid,
    facts: facts.right,
    storage: parseStorageConfig(storageText.right, { filename: storageFile }),
    rootfs: rootfs.right,
    random: drand48(seedText === undefined ? 0 : Number(seedText)),
    now: Math.floor(host.nowMs() / 1000),
    uuid: () => host.randomUuid(),
    hostDns: parseHostResolvConf(host.readHostFile('/etc/resolv.conf') ?? ''),
    ...(node === undefined ? {} : { node }),
  });
  if (E.isLeft(plan)) {
    if (json) io.stdout(JSON.stringify({ ok: false, diagnostics: plan.left }, null, 2) + '\n');
    else printDiagnostics(human, plan.left);
    return 1;
  }
  if (json) {
    // The setup warnings as texts, as `plan --json` prints them (their diagnostics are in `diagnostics`).
    const setup = { ...plan.right.setup, warnings: plan.right.setup.warnings.map((w) => w.message) };
    io.stdout(JSON.stringify({ ok: true, plan: { ...plan.right, setup } }, null, 2) + '\n');
    return 0;
  }
  printDiagnostics(human, plan.right.diagnostics);
  printPlan(human, plan.right);
  return 0;
}
