/** `pctkit detect ROOTFS`: detect a container rootfs's OS as Proxmox does. */
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigSection } from '../config/model.js';
import { terminalSafe, terminalSafeLine } from '../text/terminal-safe.js';
import { UsageError, parseArgs } from './args.js';
import type { CliIo, ExitCode } from './io.js';
import {
  detect,
  detectionFailed,
  readConfigFile,
  single,
  snapshotOf,
} from './setup-preparation.js';

/** Usage text of `pctkit detect` (for the main usage and `pctkit detect --help`). */
export const detectUsage = `  pctkit detect ROOTFS [--config FILE] [--json]
      Detect the OS of a container rootfs as Proxmox does: type, version, arch, and the messages
      Proxmox prints. --config takes ostype and arch from a container config.
`;

/** Runs `pctkit detect ROOTFS [--config FILE] [--json]`. */
export function runDetectCommand(io: CliIo, argv: readonly string[]): ExitCode {
  const args = parseArgs(argv, new Set(['config']), new Set(['config', 'json']));
  if (args.positionals.length !== 1) throw new UsageError('detect needs exactly one ROOTFS');
  const rootfs = args.positionals[0] as string;
  const configFile = single(args, 'config');
  let config: ConfigSection | undefined;
  if (configFile !== undefined) {
    const read = readConfigFile(io, configFile, 'report');
    if (typeof read === 'number') return read;
    if (E.isLeft(read)) {
      io.stderr(terminalSafeLine(`pctkit: ${read.left}`) + '\n');
      return 1;
    }
    config = read.right;
  }
  const snapshot = snapshotOf(io, rootfs, []);
  if (snapshot === undefined) return 1;
  const detected = detect(snapshot, rootfs, config);
  if (E.isLeft(detected)) {
    if (args.flags.has('json')) {
      const [e] = detected.left;
      io.stdout(
        JSON.stringify(
          {
            ok: false,
            code: e.code,
            message: e.proxmoxText,
            type: e.type ?? null,
            stdout: e.stdout,
            stderr: e.stderr,
          },
          null,
          2,
        ) + '\n',
      );
    }
    return detectionFailed(io, rootfs, detected.left);
  }
  const d = detected.right;
  for (const line of d.stderr) io.stderr(terminalSafe(line));
  if (args.flags.has('json')) {
    io.stdout(
      JSON.stringify(
        {
          ok: true,
          type: d.type,
          pluginClass: d.pluginClass,
          version: d.version ?? null,
          ...(d.devuanVersion !== undefined ? { devuanVersion: d.devuanVersion } : {}),
          arch: d.arch.arch,
          archSource: d.arch.source,
          osRelease: Object.fromEntries(d.osRelease),
          warnings: d.warnings.map((w) => w.proxmoxText ?? w.message),
          stdout: d.stdout,
          stderr: d.stderr,
        },
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  const version = d.version === undefined || d.version === null ? '(none)' : String(d.version);
  const pretty = d.osRelease.get('PRETTY_NAME');
  // Version and PRETTY_NAME come from files in the rootfs: made terminal-safe.
  io.stdout(
    terminalSafe(
      `ostype: ${d.type}\nversion: ${version}\narch: ${d.arch.arch} (${d.arch.source === 'config' ? 'from the config' : d.arch.source})\n` +
        `plugin: ${d.pluginClass}\n` +
        (pretty !== undefined ? `os-release: ${terminalSafeLine(pretty)}\n` : ''),
    ),
  );
  for (const line of d.stdout) io.stdout(terminalSafe(line));
  return 0;
}
