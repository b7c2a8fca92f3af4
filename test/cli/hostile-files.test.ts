/**
 * Hostile file kinds and permissions for every CLI write, run as real processes: FIFO, /dev/stdin,
 * /dev/zero, a directory, a 2 GB sparse file, a symlink, mode and owner, a read-only file and
 * directory. Each ends with the original bytes intact or the intended new bytes, and a clear
 * message naming the file; nothing hangs (each process has a 10 s timeout).
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maySkip, runBin } from './support/cli-process.js';

const CONF = 'arch: amd64\ncores: 1\nhostname: ct\nmemory: 512\nostype: debian\n';

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'pctkit-hostile-'));
  chmodSync(d, 0o755);
  return d;
}

const WRITES: ReadonlyArray<readonly [string, (f: string) => string[]]> = [
  ['config fmt --write', (f) => ['config', 'fmt', '--write', f]],
  ['config set', (f) => ['config', 'set', f, '--cores', '4']],
  ['config pending --apply', (f) => ['config', 'pending', f, '--apply']],
  ['snapshot create', (f) => ['snapshot', 'create', f, 'snap1']],
];

describe('only regular files are read or replaced', () => {
  it.each(WRITES)(
    '%s on a FIFO: a clear error at once, no hang, the FIFO stays a FIFO',
    (_, args) => {
      const fifo = join(dir(), '100.conf');
      execFileSync('mkfifo', [fifo]);
      const r = runBin(args(fifo));
      expect(r.signal).toBeNull();
      expect(r.code).toBe(1);
      expect(r.err).toBe(
        `${fifo}: not a regular file (a FIFO); only regular files are read or replaced\n`,
      );
      expect(lstatSync(fifo).isFIFO()).toBe(true);
      expect(r.ms).toBeLessThan(5000);
    },
  );

  it('a FIFO that is being fed is not consumed or replaced either', () => {
    const fifo = join(dir(), '100.conf');
    execFileSync('mkfifo', [fifo]);
    const r = runBin(['config', 'fmt', '--write', fifo]);
    expect(r.code).toBe(1);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it.each(WRITES)(
    '%s on /dev/stdin (fed a config), /dev/zero and a directory: refused at once',
    (_, args) => {
      const stdin = runBin(args('/dev/stdin'), { input: CONF });
      expect(stdin.code).toBe(1);
      expect(stdin.err).toBe(
        '/dev/stdin: not a regular file (a device or process file); only regular files are read or replaced\n',
      );
      const zero = runBin(args('/dev/zero'));
      expect(zero.code).toBe(1);
      expect(zero.err).toContain('/dev/zero: not a regular file');
      expect(zero.ms).toBeLessThan(5000);
      const d = join(dir(), '100.conf');
      mkdirSync(d);
      const r = runBin(args(d));
      expect(r.code).toBe(1);
      expect(r.err).toBe(
        `${d}: not a regular file (a directory); only regular files are read or replaced\n`,
      );
      expect(statSync(d).isDirectory()).toBe(true);
    },
  );

  it('a 2 GB sparse file: refused from its size, instantly', () => {
    const f = join(dir(), '100.conf');
    writeFileSync(f, '');
    truncateSync(f, 2 * 1024 ** 3);
    const r = runBin(['config', 'set', f, '--cores', '4']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `${f}: too big (2147483648 bytes; a config file has at most 8388608 bytes)\n`,
    );
    expect(r.ms).toBeLessThan(3000);
    expect(statSync(f).size).toBe(2 * 1024 ** 3);
  });
});

describe('writes keep what the file was', () => {
  it('a symlinked config path is followed: the target is replaced atomically, the link stays', () => {
    const d = dir();
    mkdirSync(join(d, 'real'));
    const target = join(d, 'real', '100.conf');
    writeFileSync(target, CONF);
    const link = join(d, '100.conf');
    symlinkSync('real/100.conf', link);
    const r = runBin(['config', 'set', link, '--cores', '4']);
    expect(r.code, r.err).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real/100.conf');
    expect(readFileSync(target, 'utf8')).toBe(CONF.replace('cores: 1', 'cores: 4'));
    expect(readdirSync(join(d, 'real'))).toEqual(['100.conf']);
  });

  it.each(WRITES)('%s keeps mode 0600 and owner 1234:5678', (_, args) => {
    if (process.getuid?.() !== 0 && maySkip('chown needs root')) return;
    const f = join(dir(), '100.conf');
    writeFileSync(
      f,
      'hostname: ct\nonboot: yes\narch: amd64\nmemory: 512\nostype: debian\n\n[pve:pending]\ncores: 3\n',
    );
    chmodSync(f, 0o600);
    chownSync(f, 1234, 5678);
    const r = runBin(args(f));
    expect(r.code, r.err).toBe(0);
    const st = statSync(f);
    expect(st.mode & 0o7777).toBe(0o600);
    expect([st.uid, st.gid]).toEqual([1234, 5678]);
  });

  it('a read-only file in a writable directory is replaced like sed -i does, keeping mode 0444', () => {
    const f = join(dir(), '100.conf');
    writeFileSync(f, CONF);
    chmodSync(f, 0o444);
    const r = runBin(['config', 'set', f, '--cores', '4']);
    expect(r.code, r.err).toBe(0);
    expect(statSync(f).mode & 0o7777).toBe(0o444);
  });

  it('a read-only directory (as an unprivileged user): a clear error naming the file, file untouched', () => {
    if (process.getuid?.() !== 0 && maySkip('needs root to run as another user')) return;
    const d = dir();
    const f = join(d, '100.conf');
    writeFileSync(f, CONF);
    chownSync(f, 65534, 65534);
    chmodSync(d, 0o555);
    const r = runBin(['config', 'set', f, '--cores', '4'], { uid: 65534, gid: 65534 });
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${f}: cannot lock: permission denied\n`);
    expect(readFileSync(f, 'utf8')).toBe(CONF);
    expect(readdirSync(d)).toEqual(['100.conf']);
  });

  it('a file of another user (as an unprivileged user in a shared directory): not written, owner kept', () => {
    if (process.getuid?.() !== 0 && maySkip('needs root to run as another user')) return;
    const d = dir();
    chmodSync(d, 0o1777 & ~0o1000);
    const f = join(d, '100.conf');
    writeFileSync(f, CONF);
    chmodSync(f, 0o666);
    chownSync(f, 1234, 1234);
    const r = runBin(['config', 'set', f, '--cores', '4'], { uid: 65534, gid: 65534 });
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `${f}: cannot write: cannot keep its owner 1234:1234 (operation not permitted); the file is unchanged\n`,
    );
    expect(readFileSync(f, 'utf8')).toBe(CONF);
    expect(statSync(f).uid).toBe(1234);
    expect(readdirSync(d)).toEqual(['100.conf']);
  });
});
