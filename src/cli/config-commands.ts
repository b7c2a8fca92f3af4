/** `pctkit config check | fmt | json`. */
import * as E from 'fp-ts/lib/Either.js';
import { formatDiagnostic, formatProxmoxMessages } from '../config/diagnostic.js';
import { toProxmoxJson } from '../config/proxmox-json.js';
import { readConfig, readConfigStrict } from '../config/reader.js';
import { writeConfig } from '../config/writer.js';
import { invalidUtf8Notices } from '../encoding/lossless-text.js';
import { unifiedDiff } from '../text/unified-diff.js';
import { decodeConfig } from '../typed/decode-config.js';
import { formatTypedDiagnostic } from '../typed/diagnostics.js';
import { UsageError, parseArgs } from './args.js';
import {
  fileErrorMessage,
  hostReadOptions,
  humanIo,
  mayEmpty,
  mayRewrite,
  readInput,
  vmidOf,
} from './input.js';
import { updateFile } from './io.js';
import type { CliIo, ExitCode } from './io.js';

export const configUsage = `Usage:
  pctkit config check FILE... [--api] [--strict] [--proxmox-messages] [--vmid N]
      Report every problem: FILE:LINE:COL: severity: message. Exit 1 if any error.
      --api               also report what pct set would refuse (enums, ranges, patterns)
      --strict            also fail as Proxmox's strict mode does (first error, exact text)
      --proxmox-messages  print the warnings exactly as Proxmox prints them (vm N - ...)
  pctkit config fmt FILE... [--check | --write] [--force]
      Print the canonical text Proxmox's writer would store.
      --check  exit 1 and print a unified diff for each file that is not canonical
      --write  replace each file that is not canonical with its canonical text (atomically);
               a file with errors is left alone (exit 1) unless --force
      --force  with --write: write what Proxmox would store, printing each line it drops
  pctkit config json FILE [--proxmox | --api]
      Print the typed config as JSON: current, pending, snapshots, diagnostics
      (--api: with the API-level diagnostics; --proxmox: Proxmox's in-memory structure).
`;

function check(raw: CliIo, argv: readonly string[]): ExitCode {
  const io = humanIo(raw);
  const args = parseArgs(
    argv,
    new Set(['vmid']),
    new Set(['api', 'strict', 'proxmox-messages', 'vmid']),
  );
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
    const options = hostReadOptions(io);
    const read = readConfig(text.right, options);
    const { diagnostics } = read;
    const proxmoxMessages = args.flags.has('proxmox-messages');
    if (proxmoxMessages) io.stdout(formatProxmoxMessages(diagnostics, vmidOf(file, vmidFlag)));
    else {
      // The reader's diagnostics and the lines with bytes that are not UTF-8, in line order.
      const lines: Array<{ line: number; column: number; text: string }> = diagnostics.map((d) => ({
        line: d.line,
        column: d.column,
        text: formatDiagnostic(d, file),
      }));
      for (const n of invalidUtf8Notices(text.right))
        lines.push({
          line: n.line ?? 0,
          column: n.column ?? 0,
          text: `${file}:${n.line}:${n.column}: notice: ${n.message}`,
        });
      lines.sort((a, b) => a.line - b.line || a.column - b.column);
      for (const l of lines) io.stdout(l.text + '\n');
    }
    if (diagnostics.some((d) => d.severity === 'error')) failed = true;
    if (args.flags.has('api')) {
      // The API level on top: what `pct set` would refuse of the values the reader accepts.
      const api = decodeConfig(read, { level: 'api' }).diagnostics.filter((d) => d.level === 'api');
      for (const d of api)
        io.stdout(
          (proxmoxMessages ? (d.apiText ?? d.message) : formatTypedDiagnostic(d, file)) + '\n',
        );
      if (api.length > 0) failed = true;
    }
    if (args.flags.has('strict')) {
      const strict = readConfigStrict(text.right, options);
      if (E.isLeft(strict)) {
        io.stderr(
          `${file}: strict mode fails: ${formatProxmoxMessages([strict.left[0]], vmidOf(file, vmidFlag))}`,
        );
        failed = true;
      }
    }
  }
  return failed ? 1 : 0;
}

function fmt(raw: CliIo, argv: readonly string[]): ExitCode {
  const io = humanIo(raw);
  const args = parseArgs(argv, new Set(), new Set(['check', 'write', 'force']));
  if (args.positionals.length === 0) throw new UsageError('config fmt needs at least one FILE');
  const checkOnly = args.flags.has('check');
  const write = args.flags.has('write');
  const force = args.flags.has('force');
  if (checkOnly && write) throw new UsageError('--check and --write exclude each other');
  if (force && !write) throw new UsageError('--force is for --write');
  let status: ExitCode = 0;
  for (const file of args.positionals) {
    if (write) {
      // Each file on its own: one that fails is reported and the next one is still processed.
      let rewritten = false;
      try {
        updateFile(io, file, ({ text }) => {
          const read = readConfig(text, hostReadOptions(io));
          if (!mayRewrite(io, file, text, read, force)) {
            status = 1;
            return undefined;
          }
          const written = writeConfig(read.config);
          if (E.isLeft(written)) {
            io.stderr(`${file}: not written: ${written.left[0].message}\n`);
            status = 1;
            return undefined;
          }
          if (!mayEmpty(io, file, text, written.right, force)) {
            status = 1;
            return undefined;
          }
          rewritten = written.right !== text;
          return written.right;
        });
        if (rewritten) io.stderr(`${file}: rewritten\n`);
      } catch (e) {
        io.stderr(fileErrorMessage(file, e, 'write') + '\n');
        status = 1;
      }
      continue;
    }
    const text = readInput(io, file);
    if (E.isLeft(text)) {
      io.stderr(text.left + '\n');
      status = 1;
      continue;
    }
    const written = writeConfig(readConfig(text.right, hostReadOptions(io)).config);
    if (E.isLeft(written)) {
      io.stderr(`${file}: ${written.left[0].message}\n`);
      status = 1;
      continue;
    }
    const after = written.right;
    if (checkOnly) {
      if (text.right !== after) {
        io.stdout(unifiedDiff(text.right, after, `${file}`, `${file} (canonical)`));
        status = 1;
      }
    } else raw.stdout(after); // the file's text, as data: not escaped
  }
  return status;
}

function json(io: CliIo, argv: readonly string[]): ExitCode {
  // JSON escapes control characters itself; only the error lines go through humanIo.
  const err = humanIo(io);
  const args = parseArgs(argv, new Set(), new Set(['proxmox', 'api']));
  if (args.positionals.length !== 1) throw new UsageError('config json needs exactly one FILE');
  if (args.flags.has('proxmox') && args.flags.has('api'))
    throw new UsageError('--proxmox and --api exclude each other');
  const file = args.positionals[0] as string;
  const text = readInput(io, file);
  if (E.isLeft(text)) {
    err.stderr(text.left + '\n');
    return 1;
  }
  const read = readConfig(text.right, hostReadOptions(io));
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
      throw new UsageError(
        sub === undefined ? 'config needs a subcommand' : `unknown config subcommand '${sub}'`,
      );
  }
}
