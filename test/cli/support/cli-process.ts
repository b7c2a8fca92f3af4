/**
 * The CLI as a real process, for the hostile tests (signals, pipes, concurrency, other users):
 * src/cli/bin.ts and the effects modules bundled once with esbuild into a temporary directory.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { SpawnSyncOptions } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { repoRoot } from '../../support/shared.js';

let built: string | undefined;

/** The bundle directory: `bin.mjs` (the CLI), `atomic-write.mjs`, `file-lock.mjs`. */
export function bundleDir(): string {
  if (built !== undefined) return built;
  const dir = mkdtempSync(join(tmpdir(), 'pctkit-bundle-'));
  chmodSync(dir, 0o755);
  buildSync({
    entryPoints: {
      bin: join(repoRoot, 'src/cli/bin.ts'),
      'atomic-write': join(repoRoot, 'src/effects/atomic-write.ts'),
      'file-lock': join(repoRoot, 'src/effects/file-lock.ts'),
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
  });
  built = dir;
  return dir;
}

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
  readonly err: string;
  readonly ms: number;
}

/** Runs `pctkit ARGS` as a process (10 s timeout: a hang fails the test instead of blocking it). */
export function runBin(args: readonly string[], options: SpawnSyncOptions = {}): CliRun {
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(bundleDir(), 'bin.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 10_000,
    ...options,
  });
  return {
    code: r.status,
    signal: r.signal,
    out: String(r.stdout ?? ''),
    err: String(r.stderr ?? ''),
    ms: Date.now() - started,
  };
}

/** Starts `pctkit ARGS` without waiting; resolves with its result. */
export function startBin(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(bundleDir(), 'bin.mjs'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code, signal) =>
      resolve({ code, signal, out, err, ms: Date.now() - started }),
    );
  });
}

/** Whether tests may skip a case that needs a privilege or a tool: only outside CI. */
export function maySkip(why: string): boolean {
  if (process.env['CI']) return false;
  console.warn(`skipped outside CI: ${why}`);
  return true;
}
