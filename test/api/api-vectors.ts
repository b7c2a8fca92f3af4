/** The API vectors of shared/pve-vectors/api/ with their input files. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listShared, readShared, readSharedJsonl, sharedPath } from '../support/shared.js';

export interface GetVector {
  readonly input: string;
  readonly vmid: number;
  readonly query: { readonly current?: number; readonly snapshot?: string };
  readonly data?: unknown;
  readonly error?: string;
  readonly code?: number;
  readonly errors?: Record<string, string>;
}

export interface PutVector {
  readonly name: string;
  readonly vmid: number;
  readonly input: string;
  readonly params: Record<string, string>;
  readonly result: string | null;
  readonly warnings: string;
  readonly error?: string;
  readonly code?: number;
  readonly errors?: Record<string, string>;
}

export interface PctConfigVector {
  readonly group: string;
  readonly name: string;
  readonly current: boolean;
  readonly vmid: number;
  readonly inputPath: string;
  readonly input: string;
  readonly stdout: string;
  readonly stderr?: string;
}

export function inputText(input: string): string {
  return readShared(...input.split('/'));
}

export const getConfigVectors = (): GetVector[] =>
  readSharedJsonl<GetVector>('pve-vectors', 'api', 'get-config.jsonl');
export const getPendingVectors = (): GetVector[] =>
  readSharedJsonl<GetVector>('pve-vectors', 'api', 'get-pending.jsonl');
export const putVectors = (): PutVector[] =>
  readSharedJsonl<PutVector>('pve-vectors', 'api', 'put', 'cases.jsonl');

/** Hand-written inputs name their vmid in the GET vectors. */
function handVmids(): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of getConfigVectors()) {
    const m = /^pve-vectors\/api\/inputs\/(.+)\.conf$/.exec(v.input);
    if (m) out.set(m[1] as string, v.vmid);
  }
  return out;
}

function inputOf(
  group: string,
  name: string,
  vmids: Map<string, number>,
): { path: string; vmid: number } {
  if (group === 'corpus')
    return {
      path: sharedPath('corpus', 'pve-lxc-configs', `${name}.conf`),
      vmid: parseInt(name, 10),
    };
  if (group === 'hand')
    return {
      path: sharedPath('pve-vectors', 'api', 'inputs', `${name}.conf`),
      vmid: vmids.get(name) as number,
    };
  const m = /^input-([a-z]+)-(\d+)$/.exec(name);
  if (!m) throw new Error(`unexpected pct-config vector ${group}/${name}`);
  return {
    path: sharedPath(
      'pve-tests',
      'snapshot',
      'snapshot-input',
      m[1] as string,
      'lxc',
      `${m[2]}.conf`,
    ),
    vmid: parseInt(m[2] as string, 10),
  };
}

export function pctConfigVectors(): PctConfigVector[] {
  const vmids = handVmids();
  const out: PctConfigVector[] = [];
  for (const group of listShared('pve-vectors', 'api', 'pct-config')) {
    const dir = sharedPath('pve-vectors', 'api', 'pct-config', group);
    for (const file of listShared('pve-vectors', 'api', 'pct-config', group)) {
      const m = /^(.+?)(\.current)?\.txt$/.exec(file);
      if (!m) continue;
      const name = m[1] as string;
      const current = m[2] !== undefined;
      const { path, vmid } = inputOf(group, name, vmids);
      if (!existsSync(path)) throw new Error(`input for ${group}/${file} missing: ${path}`);
      const errPath = join(dir, file.replace(/\.txt$/, '.err'));
      out.push({
        group,
        name,
        current,
        vmid,
        inputPath: path,
        input: readFileSync(path, 'utf8'),
        stdout: readFileSync(join(dir, file), 'utf8'),
        ...(existsSync(errPath) ? { stderr: readFileSync(errPath, 'utf8') } : {}),
      });
    }
  }
  return out;
}
