/**
 * `pctkit config show` (what `pct config` and the API's GET print for a file) and
 * `pctkit api diff` (the minimal PUT between two configs, as JSON or a `pvesh`/`pct` command).
 */
import * as E from 'fp-ts/lib/Either.js';
import { proxmoxErrorText } from '../api/api-diagnostic.js';
import type { ApiConfigData, ConfigQuery } from '../api/api-types.js';
import { getConfigData } from '../api/get-config.js';
import { pctConfigText } from '../api/pct-config-text.js';
import { getPendingData } from '../api/pending-view.js';
import { planApiUpdate, planParams } from '../api/plan-update.js';
import type { PlanInput } from '../api/plan-update.js';
import { UsageError, parseArgs } from './args.js';
import { readInput, vmidOf } from './input.js';
import type { CliIo, ExitCode } from './io.js';

/** Usage text of these commands (added to the main usage). */
export const apiUsage = `  pctkit config show FILE [--current] [--snapshot NAME] [--json] [--pending] [--vmid N]
      Print what 'pct config' prints (return-schema check first: on failure its errors, exit 1).
      --json     the data object of GET /nodes/{node}/lxc/{vmid}/config instead (with digest)
      --pending  the item list of GET .../pending (JSON)
      The vmid comes from the file name (NNN.conf) or --vmid.
  pctkit api diff CURRENT DESIRED [--format json|pvesh|pct] [--running] [--vmid N] [--node NAME]
      Print the minimal PUT /nodes/{node}/lxc/{vmid}/config turning CURRENT into DESIRED
      (config files, or GET data JSON); conflicts on stderr, exit 1 if there are any.
`;

function show(io: CliIo, argv: readonly string[]): ExitCode {
  const args = parseArgs(
    argv,
    new Set(['snapshot', 'vmid']),
    new Set(['current', 'snapshot', 'json', 'pending', 'vmid']),
  );
  if (args.positionals.length !== 1) throw new UsageError('config show needs exactly one FILE');
  const file = args.positionals[0] as string;
  const snapshot = args.flags.get('snapshot')?.[0];
  if (args.flags.has('pending') && (snapshot !== undefined || args.flags.has('current'))) {
    throw new UsageError('--pending takes neither --current nor --snapshot');
  }
  const text = readInput(io, file);
  if (E.isLeft(text)) {
    io.stderr(text.left + '\n');
    return 1;
  }
  const vmid = Number(vmidOf(file, args.flags.get('vmid')?.[0]));
  const options = Number.isSafeInteger(vmid) ? { vmid } : {};
  if (args.flags.has('pending')) {
    const items = getPendingData(text.right, options);
    if (E.isLeft(items)) {
      io.stderr(proxmoxErrorText(items.left));
      return 1;
    }
    io.stdout(JSON.stringify(items.right) + '\n');
    return 0;
  }
  const query: ConfigQuery = {
    ...(args.flags.has('current') ? { current: true } : {}),
    ...(snapshot !== undefined ? { snapshot } : {}),
  };
  const result = args.flags.has('json')
    ? E.map((d: ApiConfigData) => JSON.stringify(d) + '\n')(
        getConfigData(text.right, query, options),
      )
    : pctConfigText(text.right, query, options);
  if (E.isLeft(result)) {
    io.stderr(proxmoxErrorText(result.left));
    return 1;
  }
  io.stdout(result.right);
  return 0;
}

/** A config file, or GET data JSON (`{...}` or `{"data": {...}}`). */
function planInput(text: string, file: string): E.Either<string, PlanInput> {
  if (!text.trimStart().startsWith('{')) return E.right(text);
  try {
    const json = JSON.parse(text) as unknown;
    const data =
      typeof json === 'object' && json !== null && 'data' in json
        ? (json as { data: unknown }).data
        : json;
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      return E.left(`${file}: not a GET config data object`);
    return E.right(Object.assign(Object.create(null) as Record<string, never>, data));
  } catch (e) {
    return E.left(`${file}: invalid JSON: ${(e as Error).message}`);
  }
}

/** A shell word: bare when safe, else single-quoted. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_.,:=/@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function diff(io: CliIo, argv: readonly string[]): ExitCode {
  const args = parseArgs(
    argv,
    new Set(['format', 'vmid', 'node']),
    new Set(['format', 'vmid', 'node', 'running']),
  );
  if (args.positionals.length !== 2) throw new UsageError('api diff needs CURRENT and DESIRED');
  const format = args.flags.get('format')?.[0] ?? 'json';
  if (format !== 'json' && format !== 'pvesh' && format !== 'pct')
    throw new UsageError(`unknown format '${format}' (json, pvesh or pct)`);
  const [currentFile, desiredFile] = args.positionals as [string, string];
  const inputs: PlanInput[] = [];
  for (const file of [currentFile, desiredFile]) {
    const text = readInput(io, file);
    const input = E.isLeft(text) ? text : planInput(text.right, file);
    if (E.isLeft(input)) {
      io.stderr(input.left + '\n');
      return 1;
    }
    inputs.push(input.right);
  }
  const plan = planApiUpdate(inputs[0] as PlanInput, inputs[1] as PlanInput, {
    running: args.flags.has('running'),
  });
  for (const c of plan.conflicts) io.stderr(`${c.severity}: ${c.message}\n`);
  const params = planParams(plan);
  const changes = Object.keys(params).filter((k) => k !== 'digest');
  if (format === 'json') io.stdout(JSON.stringify(params) + '\n');
  else if (changes.length > 0) {
    if (Object.values(params).some((v) => String(v).includes('\0'))) {
      io.stderr(
        'a value holds a NUL byte (env), which a command line cannot pass: use --format json\n',
      );
      return 1;
    }
    const vmid = vmidOf(currentFile, args.flags.get('vmid')?.[0]);
    const head =
      format === 'pvesh'
        ? `pvesh set /nodes/${args.flags.get('node')?.[0] ?? 'localhost'}/lxc/${vmid}/config`
        : `pct set ${vmid}`;
    const words = Object.entries(params).map(([k, v]) => `--${k} ${shellWord(String(v))}`);
    io.stdout([head, ...words].join(' ') + '\n');
  }
  return plan.conflicts.length > 0 ? 1 : 0;
}

/** `pctkit config show …`. */
export function runConfigShowCommand(io: CliIo, argv: readonly string[]): ExitCode {
  return show(io, argv);
}

/** `pctkit api <sub> …`. */
export function runApiCommand(io: CliIo, argv: readonly string[]): ExitCode {
  const [sub, ...rest] = argv;
  if (sub === 'diff') return diff(io, rest);
  throw new UsageError(
    sub === undefined ? 'api needs a subcommand' : `unknown api subcommand '${sub}'`,
  );
}
