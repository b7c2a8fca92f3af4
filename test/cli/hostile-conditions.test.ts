/**
 * Hostile conditions for CLI writes, run as real processes: 100 concurrent writers, a full disk
 * (ENOSPC on a 64 KiB tmpfs), a read-only filesystem (EROFS), a write killed with SIGKILL, a lock
 * left by a killed process, a closed stdout. Each ends with the original bytes intact or the
 * intended new bytes, no temporary file left, and a clear message naming the file.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleDir, maySkip, runBin, startBin } from './support/cli-process.js';

const CONF = 'arch: amd64\nhostname: ct\nmemory: 512\nostype: debian\n';

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'pctkit-hostile-'));
}

describe('concurrent writers', () => {
  it('100 concurrent `config set` on one file lose no update', async () => {
    const f = join(dir(), '100.conf');
    writeFileSync(f, CONF);
    // The machine may be loaded: let the writers wait as long as they need for the lock.
    const runs = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        startBin(['config', 'set', f, `--mp${i}`, `/srv/${i},mp=/mnt/${i}`], {
          PCTKIT_LOCK_TIMEOUT: '900',
        }),
      ),
    );
    expect(runs.filter((r) => r.code !== 0 || r.err !== '').map((r) => r.err)).toEqual([]);
    const text = readFileSync(f, 'utf8');
    for (let i = 0; i < 100; i++) expect(text).toContain(`mp${i}: /srv/${i},mp=/mnt/${i}\n`);
    expect(readdirSync(join(f, '..'))).toEqual(['100.conf']);
  }, 900_000);
});

/** A small tmpfs for the duration of a test, or undefined (with the reason) when mounting fails. */
function smallTmpfs(options: string): { path: string; done: () => void } | string {
  const path = dir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', path], { stdio: 'pipe' });
  } catch (e) {
    return `mount -t tmpfs failed: ${String((e as { stderr?: Buffer }).stderr ?? e).trim()}`;
  }
  return {
    path,
    done: () => {
      try {
        execFileSync('umount', [path], { stdio: 'pipe' });
      } catch {
        /* already */
      }
      rmSync(path, { recursive: true, force: true });
    },
  };
}

describe('full and read-only filesystems', () => {
  const cleanups: Array<() => void> = [];
  afterAll(() => cleanups.forEach((c) => c()));

  it('ENOSPC on a 64 KiB tmpfs: the original bytes stay, no temp, the message names the file', () => {
    const fs = smallTmpfs('size=64k');
    if (typeof fs === 'string') {
      if (maySkip(fs)) return;
      throw new Error(fs);
    }
    cleanups.push(fs.done);
    const f = join(fs.path, '100.conf');
    const big = CONF + '#' + 'x'.repeat(20_000) + '\n'; // 5 pages of the 16
    writeFileSync(f, big);
    // Leave 2 pages: room for the lock file, not for the new file.
    writeFileSync(join(fs.path, 'filler'), Buffer.alloc(9 * 4096));
    const r = runBin(['config', 'set', f, '--cores', '4']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${f}: cannot write: no space left on device; the file is unchanged\n`);
    expect(readFileSync(f, 'utf8')).toBe(big);
    expect(readdirSync(fs.path).sort()).toEqual(['100.conf', 'filler']);
    // Completely full: not even the lock fits.
    try {
      writeFileSync(join(fs.path, 'filler2'), Buffer.alloc(2 * 4096));
    } catch {
      /* full */
    }
    const full = runBin(['config', 'set', f, '--cores', '4']);
    expect([full.code, full.err]).toEqual([1, `${f}: cannot lock: no space left on device\n`]);
    expect(readFileSync(f, 'utf8')).toBe(big);
    expect(readdirSync(fs.path).sort()).toEqual(['100.conf', 'filler', 'filler2']);
  });

  it('EROFS: refused with the file named, the file untouched', () => {
    const fs = smallTmpfs('size=1m');
    if (typeof fs === 'string') {
      if (maySkip(fs)) return;
      throw new Error(fs);
    }
    cleanups.push(fs.done);
    const f = join(fs.path, '100.conf');
    writeFileSync(f, CONF);
    execFileSync('mount', ['-o', 'remount,ro', fs.path]);
    const r = runBin(['config', 'set', f, '--cores', '4']);
    expect([r.code, r.err]).toEqual([1, `${f}: cannot lock: read-only file system\n`]);
    // A canonical file needs no write: fmt --write succeeds without one.
    expect(runBin(['config', 'fmt', '--write', f])).toMatchObject({ code: 0, err: '' });
    expect(readFileSync(f, 'utf8')).toBe(CONF);
  });
});

describe('a killed run', () => {
  it('a write killed with SIGKILL leaves a temp; the next run removes it and writes', async () => {
    const d = dir();
    const f = join(d, '100.conf');
    writeFileSync(f, CONF);
    // A writer of the same code path, slow enough to be caught mid-write (200 MB to the temp file).
    const script = `import { writeFileAtomic } from ${JSON.stringify(join(bundleDir(), 'atomic-write.mjs'))};
writeFileAtomic(${JSON.stringify(f)}, Buffer.alloc(200 * 1024 * 1024, 0x41));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: 'ignore',
    });
    const deadline = Date.now() + 20_000;
    let temp: string | undefined;
    while (temp === undefined && Date.now() < deadline) {
      temp = readdirSync(d).find((n) => n.startsWith('.100.conf.pctkit-') && n.endsWith('.tmp'));
      if (temp === undefined) await new Promise((r) => setTimeout(r, 5));
    }
    expect(temp).toBeDefined();
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    expect(readFileSync(f, 'utf8')).toBe(CONF); // the original, intact
    expect(existsSync(join(d, temp as string))).toBe(true);
    const r = runBin(['config', 'set', f, '--cores', '4']);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(readFileSync(f, 'utf8')).toBe(CONF.replace('arch: amd64\n', 'arch: amd64\ncores: 4\n'));
    expect(readdirSync(d)).toEqual(['100.conf']);
  }, 60_000);

  it('a lock held by a killed process is broken by the next run', async () => {
    const d = dir();
    const f = join(d, '100.conf');
    writeFileSync(f, CONF);
    const script = `import { acquireFileLock } from ${JSON.stringify(join(bundleDir(), 'file-lock.mjs'))};
acquireFileLock(${JSON.stringify(f)}); console.log('locked'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    expect(readdirSync(d).sort()).toEqual(['.100.conf.pctkit.lock', '100.conf']);
    // While the holder lives, a writer waits; kill the holder and the writer goes on.
    const writer = startBin(['config', 'set', f, '--cores', '4']);
    await new Promise((r) => setTimeout(r, 700));
    expect(readFileSync(f, 'utf8')).toBe(CONF);
    child.kill('SIGKILL');
    const r = await writer;
    expect([r.code, r.err]).toEqual([0, '']);
    expect(readFileSync(f, 'utf8')).toContain('cores: 4\n');
    expect(readdirSync(d)).toEqual(['100.conf']);
  }, 60_000);

  it('a breaker killed mid-break leaves a mark that the next run clears after 10 s, then breaks the stale lock', () => {
    const d = dir();
    const f = join(d, '100.conf');
    writeFileSync(f, CONF);
    // A lock whose holder is gone (no such pid) and a breaker's mark from 20 s ago.
    const lock = join(d, '.100.conf.pctkit.lock');
    writeFileSync(lock, '4194000 1\n');
    writeFileSync(`${lock}.break`, '');
    const old = new Date(Date.now() - 20_000);
    utimesSync(`${lock}.break`, old, old);
    const r = runBin(['config', 'set', f, '--cores', '4']);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(readFileSync(f, 'utf8')).toContain('cores: 4\n');
    expect(readdirSync(d)).toEqual(['100.conf']);
  }, 60_000);

  it("a live holder's lock is never broken: a writer waits for it and times out with Proxmox's message", () => {
    const d = dir();
    const f = join(d, '100.conf');
    writeFileSync(f, CONF);
    // This test process holds the lock (its own pid and start time, as a holder writes them).
    const lock = join(d, '.100.conf.pctkit.lock');
    const stat = readFileSync('/proc/self/stat', 'latin1');
    writeFileSync(lock, `${process.pid} ${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]}\n`);
    const r = runBin(['config', 'set', f, '--cores', '4'], {
      env: { ...process.env, PCTKIT_LOCK_TIMEOUT: '1' },
    });
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${f}: can't lock file '${lock}' - got timeout\n`);
    expect(readFileSync(f, 'utf8')).toBe(CONF);
    expect(readdirSync(d).sort()).toEqual(['.100.conf.pctkit.lock', '100.conf']);
  }, 60_000);
});

describe('stdout', () => {
  it('a closed stdout (`| true`): no stack trace, the exit code of the command, the file written', async () => {
    const f = join(dir(), '100.conf');
    writeFileSync(f, CONF);
    // The reading end is closed before the command writes: every write to stdout gets EPIPE.
    const child = spawn(
      process.execPath,
      [join(bundleDir(), 'bin.mjs'), 'config', 'set', f, '--cores', '4'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((r) => child.on('close', r));
    expect([code, err]).toEqual([0, '']);
    expect(readFileSync(f, 'utf8')).toContain('cores: 4\n');
    const bin = join(bundleDir(), 'bin.mjs');
    const help = execFileSync(
      'bash',
      [
        '-c',
        'set -o pipefail; "$0" "$1" config check --help | true; echo $?',
        process.execPath,
        bin,
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(help.trim()).toBe('0');
  });

  it('config fmt prints the canonical text as bytes (a value that is not UTF-8 survives `> out`)', () => {
    const f = join(dir(), '100.conf');
    writeFileSync(f, Buffer.from('hostname: ct\nlxc.apparmor.profile: a\xff\n', 'latin1'));
    const out = execFileSync(process.execPath, [join(bundleDir(), 'bin.mjs'), 'config', 'fmt', f]);
    expect(out.equals(readFileSync(f))).toBe(true);
  });

  it('a full stdout (/dev/full): one line on stderr, exit 1, no stack trace', () => {
    if (!existsSync('/dev/full') && maySkip('no /dev/full')) return;
    const f = join(dir(), '100.conf');
    writeFileSync(f, CONF);
    const r = execFileSync(
      'bash',
      [
        '-c',
        '"$0" "$1" config fmt "$2" >/dev/full 2>"$2.err"; echo "exit $?"',
        process.execPath,
        join(bundleDir(), 'bin.mjs'),
        f,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(r).toBe('exit 1\n');
    expect(readFileSync(`${f}.err`, 'utf8')).toBe(
      'pctkit: cannot write to stdout: no space left on device\n',
    );
  });
});

describe('manners', () => {
  it('`pctkit COMMAND --help` prints that help and exits 0, for every command', () => {
    for (const cmd of [
      ['config', 'check'],
      ['config', 'fmt'],
      ['config', 'json'],
      ['config', 'set'],
      ['config', 'pending'],
      ['snapshot', 'create'],
      ['snapshot', 'delete'],
      ['snapshot', 'rollback'],
      ['detect'],
      ['plan'],
      ['apply'],
    ]) {
      const r = runBin([...cmd, '--help']);
      expect([cmd.join(' '), r.code, r.err]).toEqual([cmd.join(' '), 0, '']);
      expect(r.out).toMatch(
        new RegExp(
          `^Usage:\\n {2}pctkit ${cmd[0]} ${cmd[1] === undefined ? '' : cmd[0] === 'snapshot' ? 'create\\|delete\\|rollback ' : cmd[1] + ' '}`,
        ),
      );
      expect(r.out.split('\n').length).toBeLessThan(30);
    }
    expect(runBin(['plan', '--help']).out).toContain('--pve-test-mode');
  });

  it('a usage error is one line plus where to look, exit 2', () => {
    const r = runBin(['config', 'set', '/x/100.conf', '--bogus', '1']);
    expect([r.code, r.out, r.err]).toEqual([
      2,
      '',
      "pctkit: unknown option --bogus\nsee 'pctkit config set --help'\n",
    ]);
    expect(runBin(['nope']).err).toBe("pctkit: unknown command 'nope'\nsee 'pctkit --help'\n");
  });
});
