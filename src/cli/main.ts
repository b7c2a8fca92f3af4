/** The `pctkit` command (see bin.ts for the executable). */
import { UsageError, wantsHelp } from './args.js';
import { apiUsage, runApiCommand, runConfigShowCommand } from './api-commands.js';
import { configUsage, runConfigCommand } from './config-commands.js';
import { lxcConfigUsage, runLxcConfigCommand } from './lxc-config-command.js';
import { createUsage, runCreateCommand, runRestoreConfigCommand } from './create-commands.js';
import { opsUsage, runPendingCommand, runSetCommand, runSnapshotCommand } from './ops-commands.js';
import { processIo } from './io.js';
import type { CliIo, ExitCode } from './io.js';
import {
  processSetupHost,
  runApplyCommand,
  runDetectCommand,
  runPlanCommand,
  setupUsage,
} from './setup-commands.js';
import type { SetupHost } from './setup-commands.js';
import { runStorageCommand, storageUsage } from './storage-command.js';
import { runStartPlanCommand, startPlanUsage } from './start-plan-command.js';
import { terminalSafeLine } from '../text/terminal-safe.js';

export const usage = `pctkit — Proxmox VE container configs, OS detection and setup, as Proxmox does them

${configUsage}${opsUsage}${apiUsage}${setupUsage}${lxcConfigUsage}${storageUsage}${startPlanUsage}${createUsage}
  pctkit --help | --version
      pctkit COMMAND --help prints the help of one command.
`;

const VERSION = '0.1.0';

/**
 * The help of each command, cut out of the usage texts the command modules supply: a block starts
 * at a line `  pctkit WORDS ARGS` and runs to the next such line. `snapshot create|delete|rollback`
 * names three commands (and `snapshot` itself). A module needs nothing else for `--help`.
 */
function commandHelp(text: string): Map<string, string> {
  const help = new Map<string, string>();
  const lines = text.split('\n');
  let keys: string[] = [];
  let block: string[] = [];
  const flush = (): void => {
    for (const k of keys)
      help.set(k, (help.has(k) ? help.get(k) + '' : 'Usage:\n') + block.join('\n') + '\n');
    keys = [];
    block = [];
  };
  for (const line of lines) {
    const m = /^ {2}pctkit ((?:[a-z][a-z|-]*)(?: [a-z][a-z|-]*)*)(?= |$)/.exec(line);
    if (m !== null) {
      flush();
      const words = (m[1] as string).split(' ');
      const [first, second] = words as [string, string | undefined];
      keys = second === undefined ? [first] : second.split('|').map((w) => `${first} ${w}`);
      if (second !== undefined && second.includes('|')) keys.push(first);
      block = [line];
    } else if (keys.length > 0 && (line.startsWith('    ') || line.startsWith('      ')))
      block.push(line);
    else flush();
  }
  flush();
  // A shared option list (`    INPUT OPTIONS of plan and apply:` …) goes into every help that names it.
  const shared = /^ {4}([A-Z][A-Z ]*[A-Z]) of [^\n]*\n(?: {6}[^\n]*\n)*/gm;
  for (const m of text.matchAll(shared)) {
    for (const [k, v] of help)
      if (v.includes(`[${m[1] as string}]`) && !v.includes(m[0])) help.set(k, v + m[0]);
  }
  return help;
}

const HELP = commandHelp(usage);

/** The command `argv` names (`config set`, `plan`, …) as far as there is help for it. */
function commandOf(argv: readonly string[]): string | undefined {
  const [a, b] = argv;
  if (a === undefined || a.startsWith('-')) return undefined;
  if (b !== undefined && HELP.has(`${a} ${b}`)) return `${a} ${b}`;
  if (HELP.has(a)) return a;
  // `config` has subcommands only: its help is all of them.
  return [...HELP.keys()].some((k) => k.startsWith(`${a} `)) ? a : undefined;
}

/** The help of one command (or of a command group such as `config`). */
export function helpOf(command: string): string | undefined {
  const own = HELP.get(command);
  if (own !== undefined) return own;
  const subs = [...HELP.entries()].filter(([k]) => k.startsWith(`${command} `));
  if (subs.length === 0) return undefined;
  return 'Usage:\n' + [...new Set(subs.map(([, v]) => v.replace(/^Usage:\n/, '')))].join('');
}

/**
 * Runs the CLI with the given arguments; returns the exit code. `host` supplies the clock,
 * randomness and host files to `plan` and `apply` (tests inject their own).
 */
export function runCli(
  argv: readonly string[],
  io: CliIo = processIo,
  host: SetupHost = processSetupHost,
): ExitCode {
  const [command, ...rest] = argv;
  const named = commandOf(argv);
  try {
    if (named !== undefined && wantsHelp(argv)) {
      io.stdout(helpOf(named) ?? usage);
      return 0;
    }
    switch (command) {
      case '--help':
      case '-h':
      case 'help':
        io.stdout(usage);
        return 0;
      case '--version':
        io.stdout(VERSION + '\n');
        return 0;
      case 'config':
        if (rest[0] === 'set') return runSetCommand(io, rest.slice(1));
        if (rest[0] === 'pending') return runPendingCommand(io, rest.slice(1));
        if (rest[0] === 'show') return runConfigShowCommand(io, rest.slice(1));
        return runConfigCommand(io, rest);
      case 'snapshot':
        return runSnapshotCommand(io, rest);
      case 'api':
        return runApiCommand(io, rest);
      case 'detect':
        return runDetectCommand(io, rest);
      case 'plan':
        return runPlanCommand(io, rest, host);
      case 'apply':
        return runApplyCommand(io, rest, host);
      case 'lxc-config':
        return runLxcConfigCommand(io, rest);
      case 'storage':
        return runStorageCommand(io, rest);
      case 'start-plan':
        return runStartPlanCommand(io, rest, host);
      case 'create':
      case 'restore-config':
        throw new UsageError(
          `'${command}' streams an archive: call runCliAsync (the pctkit executable does)`,
        );
      default:
        throw new UsageError(
          command === undefined ? 'missing command' : `unknown command '${command}'`,
        );
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(
        `pctkit: ${terminalSafeLine(e.message)}\nsee 'pctkit ${named !== undefined ? `${named} ` : ''}--help'\n`,
      );
      return 2;
    }
    io.stderr(`pctkit: ${terminalSafeLine((e as Error).message)}\n`);
    return 1;
  }
}

/**
 * The asynchronous entry point (what bin.ts runs): `create` and `restore-config` stream archives
 * and are awaited here; every other command runs through {@link runCli} unchanged.
 */
export async function runCliAsync(
  argv: readonly string[],
  io: CliIo = processIo,
  host: SetupHost = processSetupHost,
): Promise<ExitCode> {
  const [command, ...rest] = argv;
  if ((command !== 'create' && command !== 'restore-config') || wantsHelp(argv))
    return runCli(argv, io, host);
  try {
    return command === 'create'
      ? await runCreateCommand(io, rest, host)
      : await runRestoreConfigCommand(io, rest, host);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`pctkit: ${terminalSafeLine(e.message)}\nsee 'pctkit ${command} --help'\n`);
      return 2;
    }
    io.stderr(`pctkit: ${terminalSafeLine((e as Error).message)}\n`);
    return 1;
  }
}
