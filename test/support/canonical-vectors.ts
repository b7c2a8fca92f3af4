/** The canonical-writer vectors of shared/pve-vectors/canonical/ with their input files. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listShared, sharedPath } from './shared.js';

export interface CanonicalVector {
  readonly group: 'corpus' | 'pve-setup' | 'pve-snapshot';
  readonly name: string;
  readonly vmid: number;
  readonly inputPath: string;
  readonly input: string;
  readonly written: string;
  readonly warnings: string;
  readonly strict: string;
  readonly json: unknown;
}

function inputFor(group: CanonicalVector['group'], name: string): { path: string; vmid: number } {
  if (group === 'corpus') return { path: sharedPath('corpus', 'pve-lxc-configs', `${name}.conf`), vmid: parseInt(name, 10) };
  if (group === 'pve-setup') return { path: sharedPath('pve-tests', 'setup', name, 'config'), vmid: 100 };
  const m = /^(input|expected)-([a-z]+)-(\d+)$/.exec(name);
  if (!m) throw new Error(`unexpected snapshot vector name ${name}`);
  return {
    path: sharedPath('pve-tests', 'snapshot', `snapshot-${m[1]}`, m[2] as string, 'lxc', `${m[3]}.conf`),
    vmid: parseInt(m[3] as string, 10),
  };
}

export function loadCanonicalVectors(): CanonicalVector[] {
  const out: CanonicalVector[] = [];
  for (const group of ['corpus', 'pve-setup', 'pve-snapshot'] as const) {
    const dir = sharedPath('pve-vectors', 'canonical', group);
    const names = [...new Set(listShared('pve-vectors', 'canonical', group).map((f) => f.replace(/\.[a-z]+$/, '')))];
    for (const name of names) {
      const { path, vmid } = inputFor(group, name);
      if (!existsSync(path)) throw new Error(`input for vector ${group}/${name} missing: ${path}`);
      const read = (ext: string): string => readFileSync(join(dir, `${name}.${ext}`), 'utf8');
      out.push({
        group,
        name,
        vmid,
        inputPath: path,
        input: readFileSync(path, 'utf8'),
        written: read('written'),
        warnings: read('warnings'),
        strict: read('strict'),
        json: JSON.parse(read('json')) as unknown,
      });
    }
  }
  return out;
}
