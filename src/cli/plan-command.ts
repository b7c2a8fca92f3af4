/** `pctkit plan CONFIG ROOTFS`: print the setup plan, one operation per line with its reason. */
import type { PlanOperation } from '../setup/plan.js';
import { terminalSafeLine } from '../text/terminal-safe.js';
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

/** The `pctkit plan` lines of the main usage. */
export const planHead = `  pctkit plan CONFIG ROOTFS [--json] [--hook HOOK] [--force] [INPUT OPTIONS]
      Print the setup plan: one line per operation with its reason. Nothing is written.
      HOOK: post-create (default), pre-start, post-clone, template-fixup or setup-network.
`;

/** Usage text of `pctkit plan` (for `pctkit plan --help`). */
export const planUsage = planHead + inputOptionsUsage;

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
          warnings: plan.warnings.map((w) => w.message),
        },
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  const n = plan.operations.length;
  io.stdout(
    terminalSafeLine(
      `${inputs.hook} plan for ${prepared.rootfs} (${osSummary(detection)}): ${n} operation${n === 1 ? '' : 's'}`,
    ) + '\n',
  );
  for (const op of plan.operations) io.stdout(`  ${terminalSafeLine(formatOperation(op))}\n`);
  return 0;
}
