/**
 * Hostile file contents for every CLI write (`config fmt --write`, `config set`, `config pending`,
 * `snapshot`): each case ends with the original bytes intact or the intended new bytes, and a
 * clear message.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processIo, type CliIo } from '../../src/cli/io.js';
import { runCaptured, type CliRun } from '../support/run-cli.js';

const run = (args: string[], extra: Partial<CliIo> = {}): CliRun =>
  runCaptured(args, { io: extra });

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'pctkit-hostile-'));
}

function file(name: string, bytes: string | Uint8Array): string {
  const path = join(dir(), name);
  writeFileSync(path, bytes);
  return path;
}

const bytes = (path: string): Buffer => readFileSync(path);
const b = (text: string): Buffer => Buffer.from(text, 'latin1');
const CONF = 'arch: amd64\ncores: 1\nhostname: ct\nmemory: 512\nostype: debian\n';

/** Every command that writes a config file, with the arguments that make it write. */
const WRITERS: ReadonlyArray<readonly [string, (f: string) => string[]]> = [
  ['config fmt --write', (f) => ['config', 'fmt', '--write', f]],
  ['config set', (f) => ['config', 'set', f, '--cores', '4']],
  [
    'config set --preserve-format',
    (f) => ['config', 'set', f, '--cores', '4', '--preserve-format'],
  ],
  ['config pending --apply', (f) => ['config', 'pending', f, '--apply']],
  ['snapshot create', (f) => ['snapshot', 'create', f, 'snap1']],
];

describe('a write never destroys content', () => {
  it.each(WRITERS)(
    '%s refuses a file that is not a config (random text): exit 1, each error, file untouched',
    (_, args) => {
      const garbage = b('this is not\na config file at all\n\x00\x01\x02 ### \xff\xfe\n');
      const f = file('100.conf', garbage);
      const r = run(args(f));
      expect(r.code).toBe(1);
      expect(r.err).toContain(`${f}:1:5: error: unable to parse config: this is not`);
      expect(r.err).toContain(
        `${f}:3:1: error: unable to parse config: \\0\\x01\\x02 ### \\xFF\\xFE`,
      );
      expect(r.err).toContain(`${f}: not written: 3 errors`);
      expect(bytes(f)).toEqual(garbage);
    },
  );

  it('1 MB of NUL is a line Proxmox cannot parse: refused, never a 0-byte file', () => {
    const f = file('100.conf', new Uint8Array(1 << 20));
    const r = run(['config', 'fmt', '--write', f]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('error: unable to parse config: \\0\\0\\0');
    expect(bytes(f).length).toBe(1 << 20);
  });

  it('100 MB of NUL: over the size cap, refused before reading', () => {
    const f = file('100.conf', '');
    truncateSync(f, 100 * 1024 * 1024);
    const started = Date.now();
    const r = run(['config', 'fmt', '--write', f]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `${f}: too big (104857600 bytes; a config file has at most 8388608 bytes)\n`,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('indented lines: config set refuses (it used to leave `cores: 4` alone, silently)', () => {
    const text = '  arch: amd64\n  hostname: ct\n  memory: 512\n';
    const f = file('100.conf', text);
    const r = run(['config', 'set', f, '--cores', '4']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${f}:1:1: error: unable to parse config:   arch: amd64`);
    expect(r.err).toContain(`${f}: not written: 3 errors`);
    expect(bytes(f).toString()).toBe(text);
  });

  it('--force writes what Proxmox would store and prints every line it drops', () => {
    const f = file('100.conf', '  arch: amd64\nhostname: ct\nlxc.rootfs.path: /x\n');
    const r = run(['config', 'set', f, '--cores', '4', '--force']);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${f}:1: dropped:   arch: amd64\n`);
    expect(r.err).toContain(`${f}:3: dropped: lxc.rootfs.path: /x\n`);
    expect(bytes(f).toString()).toBe('cores: 4\nhostname: ct\n');
  });

  it('a BOM before the first line: Proxmox cannot parse that line, so the write is refused', () => {
    const text = '\xef\xbb\xbfarch: amd64\nhostname: ct\n';
    const f = file('100.conf', b(text));
    const r = run(['config', 'set', f, '--cores', '4']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${f}:1:1: error: unable to parse config: \uFEFFarch: amd64`);
    expect(bytes(f)).toEqual(b(text));
  });

  it('a write never empties a non-empty file without --force', () => {
    const f = file('100.conf', '\n\n   \n');
    const r = run(['config', 'fmt', '--write', f]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `${f}: not written: the result would be an empty file (--force writes it)\n`,
    );
    expect(bytes(f).toString()).toBe('\n\n   \n');
    expect(run(['config', 'fmt', '--write', '--force', f]).code).toBe(0);
    expect(bytes(f).length).toBe(0);
  });

  it('fmt --write with several files: each is processed and reported, the exit code sums up', () => {
    const bad = file('100.conf', 'garbage line\n');
    const missing = join(dir(), 'missing.conf');
    const good = file('101.conf', 'onboot: yes\nhostname: a\n');
    const r = run(['config', 'fmt', '--write', bad, missing, good]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${bad}: not written: 1 error`);
    expect(r.err).toContain(`${missing}: cannot read: no such file`);
    expect(r.err).toContain(`${good}: rewritten\n`);
    expect(bytes(good).toString()).toBe('hostname: a\nonboot: 1\n');
    expect(bytes(bad).toString()).toBe('garbage line\n');
  });

  it("--delete __proto__ gets the API's `unknown option`", () => {
    const f = file('100.conf', CONF);
    const r = run(['config', 'set', f, '--delete', '__proto__']);
    expect(r.code).toBe(1);
    expect(r.err).toBe("Parameter verification failed.\ndelete: unknown option '__proto__'\n");
    expect(run(['config', 'set', f, '--revert', 'constructor,bogus']).err).toBe(
      "Parameter verification failed.\nrevert: unknown option 'constructor'\nrevert: unknown option 'bogus'\n",
    );
    expect(bytes(f).toString()).toBe(CONF);
  });

  it('command-line values are checked as the API checks them', () => {
    const f = file('100.conf', CONF);
    const r = run([
      'config',
      'set',
      f,
      '--hostname',
      'ct1 localhost evil.example',
      '--nameserver',
      'search evil.com',
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Parameter verification failed.');
    expect(r.err).toContain('hostname:');
    expect(bytes(f).toString()).toBe(CONF);
  });
});

describe('byte-exact: no command changes a byte it did not mean to change', () => {
  // Bytes that are not UTF-8 in a comment and in a value, NUL and CR in a comment, CRLF value lines.
  const ODD = b(
    '#caf\xe9 \x00 \r\narch: amd64\ncores: 1\nhostname: ct\nlxc.mount.entry: /srv/\xff\xfe x none bind 0 0\nmemory: 512\nostype: debian',
  );

  it('config set --preserve-format keeps every other byte (invalid UTF-8, NUL, CR, no final newline)', () => {
    const f = file('100.conf', ODD);
    const r = run(['config', 'set', f, '--cores', '4', '--preserve-format']);
    expect(r.code).toBe(0);
    expect(bytes(f)).toEqual(
      Buffer.from(ODD.toString('latin1').replace('cores: 1', 'cores: 4'), 'latin1'),
    );
  });

  it('config set (canonical) keeps the bytes of values; comments are written as Proxmox writes them', () => {
    const f = file('100.conf', ODD);
    expect(run(['config', 'set', f, '--cores', '4']).code).toBe(0);
    const out = bytes(f);
    expect(out.includes(b('lxc.mount.entry: /srv/\xff\xfe x none bind 0 0\n'))).toBe(true);
    // decode_text turns the invalid byte into U+FFFD; encode_text escapes it, NUL and CR.
    expect(out.toString('latin1').split('\n')[0]).toBe('#caf%EF%BF%BD %00 %0D');
    expect(out.includes(b('\xef\xbf\xbd'))).toBe(false);
  });

  it('fmt --write keeps the value bytes; a canonical file is never rewritten', () => {
    const f = file('100.conf', b('arch: amd64\nhostname: ct\nlxc.apparmor.profile: \xff\x80\n'));
    const before = bytes(f);
    const r = run(['config', 'fmt', '--write', f]);
    expect(r).toEqual({ code: 0, out: '', err: '' });
    expect(bytes(f)).toEqual(before);
  });

  it('config check reports bytes that are not UTF-8 as a notice with their position', () => {
    const f = file('100.conf', b('arch: amd64\n#ok\nlxc.apparmor.profile: a\xff\x80\n'));
    const r = run(['config', 'check', f]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      `${f}:3:24: notice: not UTF-8: 2 bytes (first 0xFF); Proxmox keeps such bytes in values and turns them into U+FFFD in comments\n`,
    );
  });
});

describe('terminal-safe output', () => {
  it('diagnostics escape control bytes and bytes that are not UTF-8; JSON is unaffected', () => {
    const f = file('100.conf', b('hostname: ok\n\x1b[2J\x1b]0;pwned\x07 \r\xff\n'));
    const r = run(['config', 'check', f]);
    expect(r.out).toContain('error: unable to parse config: \\e[2J\\e]0;pwned\\x07 \\r\\xFF');
    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    expect(r.out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    const j = run(['config', 'json', '--proxmox', f]);
    expect(JSON.parse(j.out)).toMatchObject({ hostname: 'ok' });
    const set = run(['config', 'set', f, '--cores', '2']);
    expect(set.err).toContain('\\e[2J');
    expect(set.err).not.toContain('\x1b');
  });
});

describe('pct parity and manners', () => {
  it('snapshot create --description (pct) and --comment (alias)', () => {
    for (const flag of ['--description', '--comment']) {
      const f = file('100.conf', CONF);
      const r = run(['snapshot', 'create', f, 'snap1', flag, 'before upgrade']);
      expect(r.code, r.err).toBe(0);
      expect(bytes(f).toString()).toContain('\n[snap1]\n#before upgrade\n');
    }
  });

  it('config set --dry-run prints a unified diff and writes nothing', () => {
    const f = file('100.conf', CONF);
    const r = run(['config', 'set', f, '--cores', '4', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      `actions: none\npending: none\n--- ${f}\n+++ ${f} (new)\n@@ -1,5 +1,5 @@\n arch: amd64\n-cores: 1\n+cores: 4\n hostname: ct\n memory: 512\n ostype: debian\n`,
    );
    expect(bytes(f).toString()).toBe(CONF);
  });

  it('--digest: the write is refused with the API message when the file changed', () => {
    const f = file('100.conf', CONF);
    const r = run([
      'config',
      'set',
      f,
      '--cores',
      '4',
      '--digest',
      '0000000000000000000000000000000000000000',
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'detected modified configuration - file changed by other user? Try again.\n',
    );
    expect(bytes(f).toString()).toBe(CONF);
    const sha = createHash('sha1').update(CONF).digest('hex');
    expect(run(['config', 'set', f, '--cores', '4', '--digest', sha]).code).toBe(0);
    expect(bytes(f).toString()).toContain('cores: 4');
  });

  it('check --proxmox-messages warns about a time zone the host does not have', () => {
    const f = file('100.conf', 'hostname: ct\ntimezone: Mars/Olympus_Mons\n');
    const r = run(['config', 'check', '--proxmox-messages', f], {
      timezones: () => new Set(['Europe/Vienna']),
    });
    expect(r.out).toContain("vm 100 - unable to parse value of 'timezone'");
    // The host's own list (zone.tab), read by the default io, when the host has one.
    const zones = processIo.timezones?.();
    if (zones !== undefined)
      expect(run(['config', 'check', '--proxmox-messages', f]).out).toContain("'timezone'");
    expect(
      run(['config', 'check', '--proxmox-messages', f], {
        timezones: () => new Set(['Mars/Olympus_Mons']),
      }).out,
    ).toBe('');
  });

  it('no temporary file is left beside the file', () => {
    const f = file('100.conf', CONF);
    run(['config', 'set', f, '--cores', '4']);
    expect(readdirSync(join(f, '..'))).toEqual(['100.conf']);
  });
});
