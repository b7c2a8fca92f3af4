/**
 * `pctkit apply CONFIG ROOTFS`: plan the setup and carry it out on the rootfs (or, with
 * `--dry-run`, show the diff), printing what changed.
 *
 * ssh host key policy: `apply` REPLACES the host keys (Proxmox's post-create behaviour: a container
 * made from a template must never keep the template's keys, which every other container from that
 * template shares). `--keep-ssh-host-keys` keeps an existing, valid, matching pair with the right
 * modes and owner (generating only missing or broken ones): for re-applying to a container that has
 * already been set up, where new keys would only make clients complain.
 */
import * as E from 'fp-ts/lib/Either.js';
import { applyPlanToRootfs } from '../effects/index.js';
import type {
  ApplyProgress,
  ApplyReport,
  EffectsError,
  OperationOutcome,
} from '../effects/index.js';
import { terminalSafe, terminalSafeLine } from '../text/terminal-safe.js';
import { parseArgs } from './args.js';
import type { CliIo, ExitCode } from './io.js';
import { processSetupHost } from './setup-host.js';
import type { SetupHost } from './setup-host.js';
import {
  INPUT_FLAGS,
  INPUT_VALUED,
  inputOptionsUsage,
  osJson,
  osSummary,
  prepare,
} from './setup-preparation.js';
import type { Prepared } from './setup-preparation.js';

/** The `pctkit apply` line of the main usage (its input options are listed once, after plan's). */
export const applyHead = `  pctkit apply CONFIG ROOTFS [--dry-run] [--seed N] [--now ISO8601] [--password-hash HASH]
                  [--ssh-key KEY]... [--nameserver LIST] [--searchdomain LIST] [--no-ssh-host-keys]
                  [--pve-test-mode] [--json] [--hook HOOK] [--keep-ssh-host-keys] [--force]
      Plan and apply the setup to ROOTFS (atomic writes, nothing outside ROOTFS); print what changed.
      --dry-run            write nothing; print the unified diff of every file that would change
      --keep-ssh-host-keys keep an existing valid host key pair (default: replace, as Proxmox does)
`;

/** Usage text of `pctkit apply` (for `pctkit apply --help`). */
export const applyUsage = applyHead + inputOptionsUsage;

function outcomeLine(o: OperationOutcome, dryRun: boolean): string {
  const status = o.status === 'changed' ? (dryRun ? 'would change' : 'changed') : o.status;
  const via = o.path !== o.operation.path ? ` (for ${o.operation.path})` : '';
  const changes = o.changes.length > 0 ? ` [${o.changes.join(', ')}]` : '';
  const note = o.note !== undefined ? ` (${o.note})` : '';
  return (
    terminalSafeLine(
      `  ${status.padEnd(12)} ${o.path}${via}${changes}${note}: ${o.operation.reason}`,
    ) + '\n'
  );
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
  if (report.dryRun && report.diff !== '') io.stdout('\n' + terminalSafe(report.diff));
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
        warnings: p.plan.warnings.map((w) => w.message),
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
        io.stderr(`\r\x1b[K[${p.done}/${p.total}] ${o.status} ${terminalSafeLine(o.path)}`);
        live = true;
      } else if (o.operation.op === 'ssh-host-key') {
        io.stderr(
          terminalSafeLine(
            `pctkit: [${p.done}/${p.total}] ${o.operation.reason}: ${o.note ?? o.status}`,
          ) + '\n',
        );
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
    recordDiffs: dryRun || args.flags.has('json'),
    snapshot: prepared.snapshot,
    hostKeys: args.flags.has('keep-ssh-host-keys') ? 'keep-existing' : 'replace',
    onProgress: progress.onProgress,
    ...(host.sshKeygen !== undefined ? { sshKeygen: host.sshKeygen } : {}),
  });
  progress.end();
  const json = args.flags.has('json');
  if (E.isLeft(result)) {
    const failure = result.left[0];
    if (json) io.stdout(reportJson(prepared, failure.report, failure));
    else printReport(io, prepared, failure.report, true);
    const at =
      failure.operationIndex !== undefined
        ? ` (operation ${failure.operationIndex + 1} of ${prepared.plan.operations.length})`
        : '';
    io.stderr(terminalSafeLine(`pctkit: apply failed${at}: ${failure.message}`) + '\n');
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
