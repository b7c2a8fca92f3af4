/**
 * Locates `../shared` (Proxmox's test data, vectors and corpus). Override with PCTKIT_SHARED.
 * The compatibility suites fail, not skip, when it is missing.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const sharedDir = resolve(process.env['PCTKIT_SHARED'] ?? join(repoRoot, '..', 'shared'));

/** Absolute path of a file under shared/; throws a clear error when shared/ is missing. */
export function sharedPath(...parts: string[]): string {
  if (!existsSync(sharedDir)) {
    throw new Error(
      `shared data not found at ${sharedDir}: clone it beside the repository or set PCTKIT_SHARED`,
    );
  }
  return join(sharedDir, ...parts);
}

export function readShared(...parts: string[]): string {
  return readFileSync(sharedPath(...parts), 'utf8');
}

/** Parses a JSON-lines file under shared/. */
export function readSharedJsonl<T = Record<string, unknown>>(...parts: string[]): T[] {
  return readShared(...parts)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

export function listShared(...parts: string[]): string[] {
  return readdirSync(sharedPath(...parts)).sort();
}

export { repoRoot };
