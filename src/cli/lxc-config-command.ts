/**
 * `pctkit lxc-config`: the LXC config `pct start` would write for a container, offline, from a
 * host-facts JSON file (`--facts`); and `--host-facts`, the facts of the running host as JSON.
 */
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { readConfig } from '../config/reader.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { readHostFacts } from '../effects/host-facts.js';
import type { ReadHostFactsOptions } from '../effects/host-facts.js';
import { drand48 } from '../random/drand48.js';
import { factsQuery } from '../start/facts-query.js';
import { decodeHostFacts } from '../start/host-facts.js';
import type { HostFacts } from '../start/host-facts.js';
import { planLxcConfig } from '../start/lxc-config.js';
import { UsageError, parseArgs } from './args.js';
import { readInput } from './input.js';
import type { CliIo, ExitCode } from './io.js';

export const lxcConfigUsage = `  pctkit lxc-config CONFIG --facts FACTS.json [--vmid N] [--seed N] [--out DIR]
      Print the LXC config pct start writes (/var/lib/lxc/<vmid>/config); Proxmox's warnings
      and errors on stderr exactly as Proxmox prints them (exit 1 on error). vmid: --vmid, else
      the facts' "vmid", else CONFIG's name (NNN.conf). seed of the CPU choice: --seed, else the
      facts' "seed", else 0.
      --out DIR  write DIR/config and DIR/rules.seccomp (when generated) atomically instead
  pctkit lxc-config --host-facts [CONFIG] [--vmid N]
      Print this host's facts as JSON (the bridges and devices of CONFIG, or every bridge).
`;

/** Integer option value, or a usage error. */
function integerFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UsageError(`--${name} needs a non-negative integer, got '${value}'`);
  return Number(value);
}

function vmidFromName(file: string): number | undefined {
  const m = /(?:^|\/)(\d+)\.conf$/.exec(file);
  return m === null ? undefined : Number(m[1]);
}

/** How a diagnostic is printed: Proxmox's text where Proxmox prints one; pctkit's notices are not printed. */
function printed(d: Diagnostic): string {
  if (d.proxmoxText !== undefined) return d.proxmoxText;
  return d.severity === 'error'
    ? `pctkit: lxc-config: ${d.path !== undefined ? `${d.path}: ` : ''}${d.message}\n`
    : '';
}

function hostFactsCommand(
  io: CliIo,
  positionals: readonly string[],
  vmidFlag: number | undefined,
  readFacts: (o: ReadHostFactsOptions) => HostFacts,
): ExitCode {
  if (positionals.length > 1)
    throw new UsageError('lxc-config --host-facts takes at most one CONFIG');
  const file = positionals[0];
  let options: ReadHostFactsOptions = {};
  const vmid = vmidFlag ?? (file === undefined ? undefined : vmidFromName(file));
  if (vmid !== undefined) options = { vmid };
  if (file !== undefined) {
    const text = readInput(io, file);
    if (E.isLeft(text)) {
      io.stderr(text.left + '\n');
      return 1;
    }
    options = { ...options, ...factsQuery(readConfig(text.right).config.main) };
  }
  io.stdout(JSON.stringify(readFacts(options), null, 2) + '\n');
  return 0;
}

/** Runs `pctkit lxc-config …`; `readFacts` is injectable for tests. */
export function runLxcConfigCommand(
  io: CliIo,
  argv: readonly string[],
  readFacts: (o: ReadHostFactsOptions) => HostFacts = readHostFacts,
): ExitCode {
  const args = parseArgs(
    argv,
    new Set(['facts', 'vmid', 'seed', 'out']),
    new Set(['facts', 'vmid', 'seed', 'out', 'host-facts']),
  );
  const vmidFlag = integerFlag('vmid', args.flags.get('vmid')?.[0]);
  if (args.flags.has('host-facts'))
    return hostFactsCommand(io, args.positionals, vmidFlag, readFacts);

  const [file, ...extra] = args.positionals;
  if (file === undefined) throw new UsageError('lxc-config needs a CONFIG file');
  if (extra.length > 0) throw new UsageError('lxc-config takes one CONFIG file');
  const factsFile = args.flags.get('facts')?.[0];
  if (factsFile === undefined)
    throw new UsageError(
      "lxc-config needs --facts FACTS.json (pctkit lxc-config --host-facts prints this host's)",
    );
  const seedFlag = integerFlag('seed', args.flags.get('seed')?.[0]);
  const outDir = args.flags.get('out')?.[0];

  const configText = readInput(io, file);
  if (E.isLeft(configText)) {
    io.stderr(configText.left + '\n');
    return 1;
  }
  const factsText = readInput(io, factsFile);
  if (E.isLeft(factsText)) {
    io.stderr(factsText.left + '\n');
    return 1;
  }
  let factsJson: unknown;
  try {
    factsJson = JSON.parse(factsText.right);
  } catch (e) {
    io.stderr(`${factsFile}: not JSON: ${(e as Error).message}\n`);
    return 1;
  }
  const facts = decodeHostFacts(factsJson);
  if (E.isLeft(facts)) {
    for (const d of facts.left) io.stderr(`${factsFile}: ${d.message}\n`);
    return 1;
  }
  const fromJson = (key: string): number | undefined => {
    const v =
      typeof factsJson === 'object' && factsJson !== null
        ? (factsJson as Record<string, unknown>)[key]
        : undefined;
    return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
  };
  const vmid = vmidFlag ?? fromJson('vmid') ?? vmidFromName(file);
  if (vmid === undefined)
    throw new UsageError(`lxc-config cannot tell the vmid of '${file}': give --vmid N`);
  const seed = seedFlag ?? fromJson('seed') ?? 0;

  const result = planLxcConfig(readConfig(configText.right).config.main, facts.right, {
    vmid,
    random: drand48(seed),
  });
  if (E.isLeft(result)) {
    io.stderr(result.left.map(printed).join(''));
    return 1;
  }
  const { files, warnings } = result.right;
  io.stderr(warnings.map(printed).join(''));
  if (files === null) return 0;
  if (outDir === undefined) {
    io.stdout(files.config);
    return 0;
  }
  if (files.rulesSeccomp !== undefined)
    io.writeFile(join(outDir, 'rules.seccomp'), files.rulesSeccomp);
  io.writeFile(join(outDir, 'config'), files.config);
  return 0;
}
