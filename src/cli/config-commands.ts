/** `pctkit config check | fmt | json`. */
import * as E from 'fp-ts/lib/Either.js';
import { formatDiagnostic, formatProxmoxMessages } from '../config/diagnostic.js';
import { toProxmoxJson } from '../config/proxmox-json.js';
import { readConfig, readConfigStrict } from '../config/reader.js';
import { writeConfig } from '../config/writer.js';
import { unifiedDiff } from '../text/unified-diff.js';
import { decodeConfig } from '../typed/decode-config.js';
import { formatTypedDiagnostic } from '../typed/diagnostics.js';
import { UsageError, parseArgs } from './args.js';
import { readInput, vmidOf } from './input.js';
import type { CliIo, ExitCode } from './io.js';

export const configUsage = `Usage:
  pctkit config check FILE... [--api] [--strict] [--proxmox-messages] [--vmid N]
      Report every problem: FILE:LINE:COL: severity: message. Exit 1 if any error.
      --api               also report what pct set would refuse (enums, ranges, patterns)
      --strict            also fail as Proxmox's strict mode does (first error, exact text)
      --proxmox-messages  print the warnings exactly as Proxmox prints them (vm N - ...)
  pctkit config fmt FILE... [--check | --write]
      Print the canonical text Proxmox's writer would store.
      --check  exit 1 and print a unified diff for each file that is not canonical
      --write  replace each file that is not canonical with its canonical text (atomically)
  pctkit config json FILE [--proxmox | --api]
      Print the typed config as JSON: current, pending, snapshots, diagnostics
      (--api: with the API-level diagnostics; --proxmox: Proxmox's in-memory structure).
`;

function check(io: CliIo, argv: readonly string[]): ExitCode {
  const args = parseArgs(argv, new Set(['vmid']), new Set(['api', 'strict', 'proxmox-messages', 'vmid']));
  if (args.positionals.length === 0) throw new UsageError('config check needs at least one FILE');
  const vmidFlag = args.flags.get('vmid')?.[0];
  let failed = false;
  for (const file of args.positionals) {
    const text = readInput(io, file);
    if (E.isLeft(text)) {
      io.stderr(text.left + '\n');
      failed = true;
      continue;
    }
    const read = readConfig(text.right);
    const { diagnostics } = read;
    const proxmoxMessages = args.flags.has('proxmox-messages');
    if (proxmoxMessages) io.stdout(formatProxmoxMessages(diagnostics, vmidOf(file, vmidFlag)));
    else for (const d of diagnostics) io.stdout(formatDiagnostic(d, file) + '\n');
    if (diagnostics.some((d) => d.severity === 'error')) failed = true;
    if (args.flags.has('api')) {
      // The API level on top: what `pct set` would refuse of the values the reader accepts.
      const api = decodeConfig(read, { level: 'api' }).diagnostics.filter((d) => d.level === 'api');
      for (const d of api) io.stdout((proxmoxMessages ? (d.apiText ?? d.message) : formatTypedDiagnostic(d, file)) + '\n');
      if (api.length > 0) failed = true;
    }
    if (args.flags.has('strict')) {
      const strict = readConfigStrict(text.right);
      if (E.isLeft(strict)) {
        io.stderr(`${file}: strict mode fails: ${formatProxmoxMessages([strict.left[0]], vmidOf(file, vmidFlag))}`);
        failed = true;
      }
    }
  }
  return failed ? 1 : 0;
}

function canonicalOf(io: CliIo, file: string): E.Either<string, { before: string; after: string }> {
  const text = readInput(io, file);
  if (E.isLeft(text)) return text;
  const written = writeConfig(readConfig(text.right).config);
  if (E.isLeft(written)) return E.left(`${file}: ${written.left.message}`);
  return E.right({ before: text.right, after: written.right });
}

function fmt(io: CliIo, argv: readonly string[]): ExitCode {
  const args = parseArgs(argv, new Set(), new Set(['check', 'write']));
  if (args.positionals.length === 0) throw new UsageError('config fmt needs at least one FILE');
  const checkOnly = args.flags.has('check');
  const write = args.flags.has('write');
  if (checkOnly && write) throw new UsageError('--check and --write exclude each other');
  let status: ExitCode = 0;
  for (const file of args.positionals) {
    const result = canonicalOf(io, file);
    if (E.isLeft(result)) {
      io.stderr(result.left + '\n');
      status = 1;
      continue;
    }
    const { before, after } = result.right;
    if (checkOnly) {
      if (before !== after) {
        io.stdout(unifiedDiff(before, after, `${file}`, `${file} (canonical)`));
        status = 1;
      }
    } else if (write) {
      if (before !== after) {
        io.writeFile(file, after);
        io.stderr(`${file}: rewritten\n`);
      }
    } else {
      io.stdout(after);
    }
  }
  return status;
}

function json(io: CliIo, argv: readonly string[]): ExitCode {
  const args = parseArgs(argv, new Set(), new Set(['proxmox', 'api']));
  if (args.positionals.length !== 1) throw new UsageError('config json needs exactly one FILE');
  if (args.flags.has('proxmox') && args.flags.has('api')) throw new UsageError('--proxmox and --api exclude each other');
  const file = args.positionals[0] as string;
  const text = readInput(io, file);
  if (E.isLeft(text)) {
    io.stderr(text.left + '\n');
    return 1;
  }
  const read = readConfig(text.right);
  if (args.flags.has('proxmox')) {
    io.stdout(JSON.stringify(toProxmoxJson(read.config), null, 2) + '\n');
    return read.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  }
  const typed = decodeConfig(read, { level: args.flags.has('api') ? 'api' : 'reader' });
  io.stdout(JSON.stringify(typed, null, 2) + '\n');
  return typed.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** Runs `pctkit config <sub> ...`. */
export function runConfigCommand(io: CliIo, argv: readonly string[]): ExitCode {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'check':
      return check(io, rest);
    case 'fmt':
      return fmt(io, rest);
    case 'json':
      return json(io, rest);
    default:
      throw new UsageError(sub === undefined ? 'config needs a subcommand' : `unknown config subcommand '${sub}'`);
  }
}
