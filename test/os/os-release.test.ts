import { describe, expect, it } from 'vitest';
import { fsSnapshot } from '../../src/os/fs-snapshot.js';
import { parseOsRelease, parseOsReleaseValue, readOsRelease } from '../../src/os/os-release.js';

const parsed = (text: string): Record<string, string> => Object.fromEntries(parseOsRelease(text));

describe('parseOsReleaseValue', () => {
  it.each([
    // unquoted: only the leading [A-Za-z0-9] run
    ['opensuse-leap', 'opensuse'],
    ['3.18.4', '3'],
    ['41', '41'],
    ['', ''],
    [' debian', ''],
    ['debian # comment', 'debian'],
    // single quotes: verbatim up to the next quote
    ["'a \\\"b\\n'", 'a \\"b\\n'],
    ["'x' trailing", 'x'],
    ["'unterminated", ''],
    // double quotes: up to the first unescaped quote, then escapes decoded
    ['"Debian GNU/Linux 12 (bookworm)"', 'Debian GNU/Linux 12 (bookworm)'],
    ['"a\\"b"', 'a"b'],
    ['"q\\\'\\`\\$\\\\"', "q'`$\\"],
    ['"tab\\tnl\\n"', 'tab\tnl\n'],
    ['"\\a stays"', '\\a stays'],
    ['"\\\\n"', '\\n'],
    ['"x" junk "y"', 'x'],
    ['"unterminated', ''],
    ['"ends with escaped quote\\"', ''],
  ])('%s → %s', (raw, value) => {
    expect(parseOsReleaseValue(raw)).toBe(value);
  });
});

describe('parseOsRelease', () => {
  it('skips lines that are not NAME=VALUE and lets later assignments win', () => {
    expect(
      parsed(
        '# comment\nID=first\n  VERSION_ID="1.2"\nexport X=1\nBAD KEY=1\n9ID=x\n_A=b\nID=second\n\njunk\n',
      ),
    ).toEqual({ ID: 'second', VERSION_ID: '1.2', _A: 'b' });
  });

  it('handles CRLF lines and leading whitespace', () => {
    expect(parsed('\tID=alpine\r\nVERSION_ID="3.20"\r\nNAME=\r\n')).toEqual({
      ID: 'alpine',
      VERSION_ID: '3.20',
      NAME: '',
    });
  });

  it('keeps keys such as __proto__ as ordinary keys', () => {
    const m = parseOsRelease('__proto__=x\nconstructor="y"\n');
    expect(m.get('__proto__')).toBe('x');
    expect(m.get('constructor')).toBe('y');
  });
});

describe('readOsRelease', () => {
  it('prefers /etc/os-release, following links', () => {
    const s = fsSnapshot({
      '/etc/os-release': { symlink: '../usr/lib/os-release' },
      '/usr/lib/os-release': 'ID=debian\n',
    });
    expect(readOsRelease(s)).toEqual({
      path: '/etc/os-release',
      osRelease: new Map([['ID', 'debian']]),
    });
  });

  it('falls back to /usr/lib/os-release when /etc/os-release is not a regular file', () => {
    const dangling = fsSnapshot({
      '/etc/os-release': { symlink: '/missing' },
      '/usr/lib/os-release': 'ID=arch\n',
    });
    expect(readOsRelease(dangling).path).toBe('/usr/lib/os-release');
    const dir = fsSnapshot({
      '/etc/os-release': { dir: true },
      '/usr/lib/os-release': 'ID=arch\n',
    });
    expect(Object.fromEntries(readOsRelease(dir).osRelease)).toEqual({ ID: 'arch' });
  });

  it('gives the empty map when neither exists', () => {
    const r = readOsRelease(fsSnapshot({ '/etc/hostname': 'x' }));
    expect(r.path).toBeUndefined();
    expect(r.osRelease.size).toBe(0);
  });
});
