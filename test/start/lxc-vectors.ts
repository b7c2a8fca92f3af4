/** The lxc-config vectors (../shared/pve-vectors/lxc-config/cases): loading and order-tolerant comparison. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../support/shared.js';

export interface LxcConfigCase {
  readonly name: string;
  readonly dir: string;
  readonly config: string;
  readonly factsJson: Record<string, unknown>;
  readonly vmid: number;
  readonly seed: number;
  readonly hashOrderDependent: boolean;
  /** `lxc.config` and every `lxc.config.alt*`. */
  readonly lxcConfigs: readonly string[];
  readonly rulesSeccomp?: string;
  readonly warnings: string;
  readonly error?: string;
}

const optional = (file: string): string | undefined =>
  existsSync(file) ? readFileSync(file, 'utf8') : undefined;

export function loadLxcConfigCases(): LxcConfigCase[] {
  const root = sharedPath('pve-vectors', 'lxc-config', 'cases');
  return readdirSync(root)
    .sort()
    .map((name) => {
      const dir = join(root, name);
      const factsJson = JSON.parse(readFileSync(join(dir, 'facts.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      const files = readdirSync(dir).sort();
      const lxcConfigs = files
        .filter((f) => f === 'lxc.config' || f.startsWith('lxc.config.alt'))
        .map((f) => readFileSync(join(dir, f), 'utf8'));
      const rulesSeccomp = optional(join(dir, 'rules.seccomp'));
      const error = optional(join(dir, 'error'));
      return {
        name,
        dir,
        config: readFileSync(join(dir, 'config'), 'utf8'),
        factsJson,
        vmid: factsJson['vmid'] as number,
        seed: factsJson['seed'] as number,
        hashOrderDependent: factsJson['hashOrderDependent'] === true,
        lxcConfigs,
        ...(rulesSeccomp !== undefined ? { rulesSeccomp } : {}),
        warnings: readFileSync(join(dir, 'warnings'), 'utf8'),
        ...(error !== undefined ? { error } : {}),
      };
    });
}

/**
 * The config with its device blocks (an `lxc.cgroup2.devices.allow` line and the `deny` lines of the
 * same device after it, before `lxc.monitor.unshare`) sorted: equal results are equal "up to the
 * order of whole device blocks", as the vectors' README accepts for hash-order-dependent cases.
 */
export function sortDeviceBlocks(config: string): string {
  const lines = config.split('\n');
  const end = lines.indexOf('lxc.monitor.unshare = 1');
  if (end === -1) return config;
  let start = end;
  while (start > 0 && (lines[start - 1] as string).startsWith('lxc.cgroup2.devices.')) start--;
  const blocks: string[] = [];
  for (let i = start; i < end; i++) {
    const line = lines[i] as string;
    if (line.startsWith('lxc.cgroup2.devices.allow') || blocks.length === 0) blocks.push(line);
    else blocks[blocks.length - 1] += `\n${line}`;
  }
  blocks.sort();
  return [...lines.slice(0, start), ...blocks, ...lines.slice(end)].join('\n');
}

/** Whether `actual` is one of the case's expected configs, up to device block order when allowed. */
export function matchesExpected(c: LxcConfigCase, actual: string): boolean {
  if (c.lxcConfigs.includes(actual)) return true;
  return (
    c.hashOrderDependent &&
    c.lxcConfigs.some((e) => sortDeviceBlocks(e) === sortDeviceBlocks(actual))
  );
}
