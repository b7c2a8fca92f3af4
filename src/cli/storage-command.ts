/**
 * `pctkit storage json STORAGE_CFG` and `pctkit storage path STORAGE_CFG VOLID`: storage.cfg read
 * as Proxmox reads it, and a volume id resolved to its path, with Proxmox's error texts.
 */
import * as E from 'fp-ts/lib/Either.js';
import { parseStorageConfig, sortedJson, storageConfigJson, volumePath } from '../storage/index.js';
import { UsageError, parseArgs } from './args.js';
import { readInput } from './input.js';
import type { CliIo, ExitCode } from './io.js';

/** Usage text of these commands (to be added to the main usage). */
export const storageUsage = `  pctkit storage json STORAGE_CFG
      Parse a storage.cfg as Proxmox does; print {ids, order, warnings} as JSON (keys sorted).
  pctkit storage path STORAGE_CFG VOLID [--snapshot NAME] [--ceph-fsid FSID] [--json]
      Print the path of a volume (--json: {owner, path, vtype}); Proxmox's error and exit 1 when it
      does not resolve. --ceph-fsid: the Ceph cluster fsid an rbd path needs.
`;

/** Runs `pctkit storage …` (argv after `storage`). */
export function runStorageCommand(io: CliIo, argv: readonly string[]): ExitCode {
  const [sub, ...rest] = argv;
  if (sub === 'json') {
    const args = parseArgs(rest, new Set(), new Set());
    if (args.positionals.length !== 1) throw new UsageError('storage json takes one STORAGE_CFG');
    const file = args.positionals[0] as string;
    const text = readInput(io, file);
    if (E.isLeft(text)) {
      io.stderr(`pctkit: ${text.left}\n`);
      return 1;
    }
    io.stdout(sortedJson(storageConfigJson(parseStorageConfig(text.right))) + '\n');
    return 0;
  }
  if (sub === 'path') {
    const args = parseArgs(
      rest,
      new Set(['snapshot', 'ceph-fsid']),
      new Set(['snapshot', 'ceph-fsid', 'json']),
    );
    if (args.positionals.length !== 2)
      throw new UsageError('storage path takes STORAGE_CFG and VOLID');
    const [file, volid] = args.positionals as [string, string];
    const text = readInput(io, file);
    if (E.isLeft(text)) {
      io.stderr(`pctkit: ${text.left}\n`);
      return 1;
    }
    const snapshot = args.flags.get('snapshot')?.at(-1);
    const fsid = args.flags.get('ceph-fsid')?.at(-1);
    const r = volumePath(parseStorageConfig(text.right), volid, {
      ...(snapshot !== undefined ? { snapshot } : {}),
      ...(fsid !== undefined ? { facts: { cephFsid: fsid } } : {}),
    });
    if (E.isLeft(r)) {
      for (const d of r.left) io.stderr(d.proxmoxText ?? `pctkit: ${d.message}\n`);
      return 1;
    }
    for (const n of r.right.notices ?? []) io.stderr(`pctkit: notice: ${n.message}\n`);
    const { path, owner, vtype } = r.right;
    io.stdout(args.flags.has('json') ? sortedJson({ path, owner, vtype }) + '\n' : path + '\n');
    return 0;
  }
  throw new UsageError(
    sub === undefined ? 'storage needs json or path' : `unknown storage command '${sub}'`,
  );
}
