/** Every real config file of shared/: the 78 corpus configs and every config under pve-tests/. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sharedDir, sharedPath } from './shared.js';

export interface ConfigFile {
  readonly label: string;
  readonly path: string;
  readonly text: string;
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (st?.isDirectory()) walk(p, out);
    else if (st?.isFile()) out.push(p);
  }
}

export function corpusConfigs(): ConfigFile[] {
  const dir = sharedPath('corpus', 'pve-lxc-configs');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.conf'))
    .sort()
    .map((f) => ({ label: `corpus/${f}`, path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
}

export function pveTestConfigs(): ConfigFile[] {
  const files: string[] = [];
  walk(sharedPath('pve-tests'), files);
  return files
    .filter((p) => /\/setup\/test-[^/]+\/config$/.test(p) || /\/snapshot\/snapshot-[a-z]+\/[a-z]+\/lxc\/\d+\.conf$/.test(p))
    .map((p) => ({ label: relative(sharedDir, p), path: p, text: readFileSync(p, 'utf8') }));
}
