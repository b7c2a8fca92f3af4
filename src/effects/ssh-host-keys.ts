/**
 * ssh host keys (spec §4.15): generated on the host with its own `ssh-keygen` into a private
 * temporary directory (never inside the rootfs), read back, the temporary directory removed, then
 * moved into the container with the adapter's atomic replace: private key 0600, public key 0644,
 * both owned by the (mapped) root of the container.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type { SshHostKeyOperation } from '../setup/plan.js';
import type { Result } from '../diagnostics/result.js';
import type { EffectsError, EffectsErrorCode } from './effects-error.js';

/** A generated key pair (the files' bytes). */
export interface HostKeyPair {
  readonly privateKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** Makes the key pair an `ssh-host-key` operation asks for. */
export type HostKeyGenerator = (
  keyType: SshHostKeyOperation['keyType'],
  comment: string,
  path: string,
) => E.Either<EffectsError, HostKeyPair>;

/** Where to find `ssh-keygen`. */
export interface SshKeygenOptions {
  /** The program to run (default `ssh-keygen`, looked up on PATH). */
  readonly sshKeygen?: string;
}

function run(
  program: string,
  args: readonly string[],
  path: string,
): E.Either<EffectsError, string> {
  const r = spawnSync(program, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  if (r.error !== undefined) {
    const code = (r.error as { code?: string }).code;
    if (code === 'ENOENT') {
      return E.left({
        code: 'SSH_KEYGEN_MISSING',
        severity: 'error',
        path,
        message: `cannot generate ssh host key ${path}: '${program}' was not found on the host (install OpenSSH's client tools, e.g. the Debian package openssh-client, or skip ssh host keys)`,
      });
    }
    return E.left({
      code: 'SSH_KEYGEN_FAILED',
      severity: 'error',
      path,
      message: `cannot generate ssh host key ${path}: ${program}: ${r.error.message}`,
    });
  }
  if (r.status !== 0) {
    const why = (r.stderr || r.stdout || `exit status ${String(r.status ?? r.signal)}`).trim();
    return E.left({
      code: 'SSH_KEYGEN_FAILED',
      severity: 'error',
      path,
      message: `cannot generate ssh host key ${path}: ${program} failed: ${why}`,
    });
  }
  return E.right(r.stdout);
}

function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pctkit-ssh-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The default generator: `ssh-keygen -q -f TMP -t TYPE -N '' -E sha256 -C COMMENT` in a fresh
 * 0700 temporary directory of the host, as Proxmox does it.
 */
export function sshKeygenGenerator(options: SshKeygenOptions = {}): HostKeyGenerator {
  const program = options.sshKeygen ?? 'ssh-keygen';
  return (keyType, comment, path) =>
    withTempDir((dir) => {
      const file = join(dir, `key.${keyType}`);
      const r = run(
        program,
        ['-q', '-f', file, '-t', keyType, '-N', '', '-E', 'sha256', '-C', comment],
        path,
      );
      if (E.isLeft(r)) return r;
      return E.right({
        privateKey: new Uint8Array(readFileSync(file)),
        publicKey: new Uint8Array(readFileSync(`${file}.pub`)),
      });
    });
}

/**
 * Whether `publicKey` is the public half of `privateKey` (`ssh-keygen -y`, run on a copy in a
 * temporary directory of the host, never on the file inside the rootfs). Fails with
 * `SSH_KEYGEN_MISSING` or `SSH_KEYGEN_FAILED`.
 */
export function isMatchingPair(
  pair: HostKeyPair,
  path: string,
  options: SshKeygenOptions = {},
): Result<boolean, EffectsErrorCode> {
  const program = options.sshKeygen ?? 'ssh-keygen';
  return withTempDir((dir) => {
    const file = join(dir, 'key');
    writeFileSync(file, pair.privateKey, { mode: 0o600 });
    const r = run(program, ['-y', '-f', file], path);
    if (E.isLeft(r)) return E.left([r.left]);
    const fields = (text: string): string => text.trim().split(/\s+/).slice(0, 2).join(' ');
    return E.right(fields(r.right) === fields(Buffer.from(pair.publicKey).toString('utf8')));
  });
}
