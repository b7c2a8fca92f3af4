import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatProxmoxMessages } from '../../src/config/diagnostic.js';
import { readConfig, readConfigStrict } from '../../src/config/reader.js';
import { writeConfig } from '../../src/config/writer.js';
import { configText } from '../../src/testing/arbitraries.js';

const fmt = (text: string): string => {
  const w = writeConfig(readConfig(text).config);
  if (E.isLeft(w)) throw new Error(w.left[0].message);
  return w.right;
};

describe('the spec §1.10 example', () => {
  const input = `#hello: world 100%
#  indented ä
hostname: foo
onboot: yes
memory: 0512
cpulimit: 1.50
foo: bar
lxc.cap.drop = sys_admin
lxc.apparmor.raw:
lxc.environment.runtime: A=1
lxc.mount.entry: /a b none bind 0 0
lxc.environment.runtime: B=2
net10: name=eth10,bridge=vmbr0
net2: name=eth2,bridge=vmbr0

[snap1]
#snap comment
memory: 1024

[pve:pending]
memory: 2048
delete: swap;cores
`;
  const expected = `#hello%3A world 100%25
#  indented %C3%A4
cpulimit: 1.50
foo: bar
hostname: foo
memory: 512
net10: name=eth10,bridge=vmbr0
net2: name=eth2,bridge=vmbr0
onboot: 1
lxc.environment.runtime: A=1
lxc.environment.runtime: B=2
lxc.cap.drop: sys_admin
lxc.apparmor.raw: 
lxc.mount.entry: /a b none bind 0 0

[pve:pending]
delete: swap;cores
memory: 2048

[snap1]
#snap comment
memory: 1024
`;
  it('reads the model Proxmox holds', () => {
    const { config, diagnostics } = readConfig(input);
    expect(config.main.description).toBe('hello: world 100%\n  indented ä\n');
    expect(config.main.values).toMatchObject({ onboot: 1, memory: 512, cpulimit: '1.50', foo: 'bar' });
    expect(config.main.env).toBe('A=1\0B=2');
    expect(config.main.lxc).toEqual([
      ['lxc.cap.drop', 'sys_admin'],
      ['lxc.apparmor.raw', ''],
      ['lxc.mount.entry', '/a b none bind 0 0'],
    ]);
    expect(config.pending.values).toMatchObject({ memory: 2048 });
    expect(config.pending.delete).toBe('swap;cores');
    expect(config.snapshots['snap1']?.description).toBe('snap comment\n');
    expect(formatProxmoxMessages(diagnostics, 100)).toBe("vm 100 - unable to parse value of 'foo' - unknown setting 'foo'\n");
  });
  it('writes what Proxmox writes', () => {
    expect(fmt(input)).toBe(expected);
  });
});

describe('reader details', () => {
  it('resets a repeated section and reports it', () => {
    const { config, diagnostics } = readConfig('[s1]\nmemory: 1\n[s1]\nswap: 2\n');
    expect(config.snapshots['s1']?.values).toEqual({ swap: 2 });
    expect(diagnostics.map((d) => d.code)).toEqual(['REDEFINED_SECTION']);
  });

  it('keeps the last of duplicate keys and notes it', () => {
    const { config, diagnostics } = readConfig('swap: 1\nswap: 2\n');
    expect(config.main.values['swap']).toBe(2);
    expect(diagnostics[0]).toMatchObject({ code: 'DUPLICATE_KEY', severity: 'notice', line: 2 });
  });

  it('drops delete: outside pending and snapstate from main', () => {
    const { config, diagnostics } = readConfig('delete: swap\nsnapstate: prepare\n');
    expect(config.main.delete).toBeUndefined();
    expect(config.main.snapstate).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['DELETE_OUTSIDE_PENDING', 'error'],
      ['IGNORED_SNAPSTATE', 'notice'],
    ]);
  });

  it('positions diagnostics at line and column', () => {
    const { diagnostics } = readConfig('hostname: ok\n  memory: 5\nhostname : x\n');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['UNPARSEABLE_LINE', 2, 1],
      ['UNPARSEABLE_LINE', 3, 9],
    ]);
    expect(diagnostics[1]?.expected).toContain("':' directly after the key");
  });

  it('collects every error in strict mode, first one first', () => {
    const r = readConfigStrict('foo: 1\nlxc.bad: 2\n');
    expect(E.isLeft(r)).toBe(true);
    if (E.isLeft(r)) {
      expect(r.left.map((d) => d.code)).toEqual(['UNKNOWN_SETTING', 'UNKNOWN_LXC_KEY']);
      expect(formatProxmoxMessages([r.left[0]], 7)).toBe("vm 7 - unable to parse value of 'foo' - unknown setting 'foo'\n");
    }
  });

  it('does not fail strict mode on deprecation warnings', () => {
    expect(E.isRight(readConfigStrict('lxc.cgroup.devices.allow: a\n'))).toBe(true);
  });

  it('keeps env edge cases of spec §1.7', () => {
    expect(fmt('lxc.environment.runtime:\n')).toBe('');
    expect(fmt('lxc.environment.runtime:\nlxc.environment.runtime: B=1\n')).toBe('lxc.environment.runtime: \nlxc.environment.runtime: B=1\n');
  });

  it('writes an empty config as the empty string and keeps empty snapshot headers', () => {
    expect(fmt('')).toBe('');
    expect(fmt('[snap]\n')).toBe('\n[snap]\n');
  });

  it('drops stale unused entries that name a used volume', () => {
    expect(fmt('rootfs: local:1/a.raw,size=1G\nunused0: local:1/a.raw\nunused1: local:1/b.raw\n')).toBe(
      'rootfs: local:1/a.raw,size=1G\nunused1: local:1/b.raw\n',
    );
  });

  it('refuses to write a value with a newline, as Proxmox dies', () => {
    const { config } = readConfig('hostname: a\n');
    const bad = { ...config, main: { ...config.main, values: { hostname: 'a\nb' } } };
    expect(writeConfig(bad)).toEqual(
      E.left([
        {
          code: 'NEWLINE_IN_VALUE',
          severity: 'error',
          message: "detected invalid newline inside property 'hostname'",
          path: 'hostname',
          proxmoxText: "detected invalid newline inside property 'hostname'\n",
        },
      ]),
    );
  });

  it('names the section of a value with a newline outside the main section', () => {
    const { config } = readConfig('hostname: a\n\n[pve:pending]\nhostname: b\n\n[snap1]\nhostname: c\n');
    const pending = { ...config, pending: { ...config.pending, values: { hostname: 'b\nx' } } };
    const w1 = writeConfig(pending);
    expect(E.isLeft(w1) && w1.left.map((d) => [d.code, d.path])).toEqual([['NEWLINE_IN_VALUE', 'pve:pending/hostname']]);
    const snap = config.snapshots['snap1'];
    if (snap === undefined) throw new Error('no snapshot');
    const inSnapshot = { ...config, snapshots: { snap1: { ...snap, description: 'ok', delete: 'x\ny' } } };
    const w2 = writeConfig(inSnapshot);
    expect(E.isLeft(w2) && w2.left.map((d) => [d.path, d.proxmoxText])).toEqual([
      ['snap1/delete', "detected invalid newline inside property 'delete'\n"],
    ]);
  });
});

describe('properties', () => {
  it('fmt is idempotent: fmt(fmt(x)) === fmt(x)', () => {
    fc.assert(fc.property(configText(), (text) => fmt(fmt(text)) === fmt(text)), { numRuns: 3000 });
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const { config } = readConfig(text);
        writeConfig(config);
        readConfigStrict(text);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('lxc key diagnostics (docs/config-diagnostics.md)', () => {
  it.each([
    ['lxc.rootfs.path: /var/lib/lxc/100/rootfs\n', 'FORBIDDEN_LXC_KEY'],
    ['lxc.aa_profile: unconfined\n', 'DEPRECATED_LXC_KEY'],
    ['lxc.limit.nofile: 1024\n', 'RENAMED_LXC_KEY'],
    ['lxc.cgroup.devices.allow: c 10:200 rwm\n', 'CGROUP_V1_LXC_KEY'],
  ])('%s gives %s', (text, expected) => {
    expect(readConfig(text).diagnostics.map((d) => d.code)).toContain(expected);
  });
});
