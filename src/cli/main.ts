/** The `pctkit` command (see bin.ts for the executable). */
import { UsageError } from './args.js';
import { configUsage, runConfigCommand } from './config-commands.js';
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

export const usage = `pctkit — Proxmox VE container configs, OS detection and setup, as Proxmox does them

${configUsage}${opsUsage}${setupUsage}${createUsage}
  pctkit --help | --version
`;

const VERSION = '0.1.0';

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
  try {
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
        return runConfigCommand(io, rest);
      case 'snapshot':
        return runSnapshotCommand(io, rest);
      case 'detect':
        return runDetectCommand(io, rest);
      case 'plan':
        return runPlanCommand(io, rest, host);
      case 'apply':
        return runApplyCommand(io, rest, host);
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
      io.stderr(`pctkit: ${e.message}\n\n${usage}`);
      return 2;
    }
    io.stderr(`pctkit: ${(e as Error).message}\n`);
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
  if (command !== 'create' && command !== 'restore-config') return runCli(argv, io, host);
  try {
    return command === 'create'
      ? await runCreateCommand(io, rest, host)
      : await runRestoreConfigCommand(io, rest, host);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`pctkit: ${e.message}\n\n${usage}`);
      return 2;
    }
    io.stderr(`pctkit: ${(e as Error).message}\n`);
    return 1;
  }
}
