/**
 * `pctkit detect | plan | apply` in-process, with an injected host (clock, randomness, host files,
 * a fake `ssh-keygen`): options and usage errors, text and JSON output, the host inputs, dry runs,
 * the ssh host key policy, failures and progress.
 */
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { usage } from '../../src/cli/main.js';
import type { SetupHost } from '../../src/cli/setup-commands.js';
import {
  applyUsage,
  detectUsage,
  parseHostResolvConf,
  parseNow,
  planUsage,
  processSetupHost,
  setupUsage,
} from '../../src/cli/setup-commands.js';
import { fingerprint, layout } from '../effects/support.js';
import { sharedPath } from '../support/shared.js';
import { runCaptured, type CliRun } from '../support/run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'pctkit-setup-cmd-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

/**
 * A fake `ssh-keygen`: `-f FILE -t TYPE ... -C COMMENT` writes a "key pair" sharing a random token;
 * `-y -f FILE` prints the public half. Fast, and enough for the adapter's pair check.
 */
const fakeKeygen = join(scratch, 'fake-ssh-keygen');
writeFileSync(
  fakeKeygen,
  `#!/bin/sh
file= type= comment= public=
while [ $# -gt 0 ]; do
  case "$1" in
    -f) file=$2; shift 2 ;; -t) type=$2; shift 2 ;; -C) comment=$2; shift 2 ;;
    -N|-E) shift 2 ;; -y) public=1; shift ;; *) shift ;;
  esac
done
if [ -n "$public" ]; then sed -n 's/^PRIVATE //p' "$file"; exit 0; fi
token=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \\n')
echo "PRIVATE ssh-$type $token" > "$file"
echo "ssh-$type $token $comment" > "$file.pub"
`,
);
chmodSync(fakeKeygen, 0o755);

function fakeHost(overrides: Partial<SetupHost> = {}): SetupHost {
  let byte = 0;
  return {
    nowMs: () => Date.parse('2024-06-01T12:00:00Z'),
    randomBytes: (n) => Uint8Array.from({ length: n }, () => (byte = (byte * 31 + 7) & 0xff)),
    randomUuid: () => '11111111-2222-4333-8444-555555555555',
    readHostFile: (p) =>
      p === '/etc/resolv.conf' ? 'search host.example\nnameserver 192.0.2.53\n' : undefined,
    realpath: () => undefined,
    stderrIsTTY: false,
    sshKeygen: fakeKeygen,
    ...overrides,
  };
}

const run = (args: string[], host: SetupHost = fakeHost()): CliRun => runCaptured(args, { host });

/** A small Debian rootfs (with /etc/ssh, passwd and shadow) and its config, in a fresh directory. */
function debianFixture(
  config = 'hostname: ct7.example.com\nnet0: name=eth0,bridge=vmbr0,ip=192.0.2.7/24,gw=192.0.2.1\n',
): {
  base: string;
  rootfs: string;
  config: string;
} {
  const base = join(scratch, `case-${++counter}`);
  const rootfs = join(base, 'rootfs');
  layout(rootfs, {
    'etc/debian_version': '12.5\n',
    'etc/hostname': 'localhost\n',
    'etc/hosts': '127.0.0.1 localhost\n',
    'etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n',
    'etc/shadow': { file: 'root:*:19000:0:99999:7:::\n', mode: 0o640 },
    'etc/network/interfaces': 'auto lo\niface lo inet loopback\n',
    'etc/ssh': { dir: true },
    root: { dir: true, mode: 0o700 },
  });
  writeFileSync(join(base, 'outside-sentinel'), 'host\n');
  const file = join(base, '107.conf');
  writeFileSync(file, config);
  return { base, rootfs, config: file };
}

/** A copy of an upstream setup case (read-only in shared/, made writable). */
function caseCopy(name: string): string {
  const dest = join(scratch, `${name}-${++counter}`);
  cpSync(sharedPath('pve-tests', 'setup', name), dest, { recursive: true });
  const walk = (p: string): void => {
    const st = lstatSync(p);
    chmodSync(p, st.isDirectory() ? 0o755 : 0o644);
    if (st.isDirectory()) for (const c of readdirSync(p)) walk(join(p, c));
  };
  walk(dest);
  return dest;
}

interface Report {
  ok: boolean;
  summary: { operations: number; changed: number; unchanged: number; skipped: number };
  outcomes: { op: string; path: string; status: string; changes: string[]; note?: string }[];
  diffs: { path: string; diff: string }[];
  error?: { code: string; message: string };
}

describe('pctkit detect | plan | apply: usage', () => {
  it('--help lists the commands', () => {
    expect(usage).toContain(setupUsage);
    for (const c of [
      'pctkit detect ROOTFS',
      'pctkit plan CONFIG ROOTFS',
      'pctkit apply CONFIG ROOTFS',
    ])
      expect(usage).toContain(c);
  });

  it('usage errors exit 2 with the reason and the help on stderr', () => {
    const { rootfs, config } = debianFixture();
    const cases: [string[], string][] = [
      [['detect'], 'detect needs exactly one ROOTFS'],
      [['detect', rootfs, rootfs], 'detect needs exactly one ROOTFS'],
      [['plan', config], 'plan needs CONFIG and ROOTFS'],
      [['apply', config, rootfs, '--bogus'], 'unknown option --bogus'],
      [['apply', config, rootfs, '--seed', 'x'], '--seed must be an integer'],
      [
        ['apply', config, rootfs, '--seed', '1', '--pve-test-mode'],
        '--seed and --pve-test-mode exclude each other',
      ],
      [['apply', config, rootfs, '--now', 'yesterday'], '--now must be an ISO 8601 date'],
      [['apply', config, rootfs, '--now', '2024-02-30T00:00:00Z'], '--now'],
      [
        ['plan', config, rootfs, '--hook', 'post-start'],
        '--hook must be one of post-create, pre-start',
      ],
      [['plan', config, rootfs, '--dry-run'], 'unknown option --dry-run'],
      [
        ['apply', config, rootfs, '--now', '2024-01-01', '--now', '2024-01-02'],
        '--now given more than once',
      ],
    ];
    for (const [args, why] of cases) {
      const r = run(args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.err).toContain(why);
      expect(r.err).toMatch(/\nsee 'pctkit [a-z]+ --help'\n$/);
    }
  });

  it('parses --now as ISO 8601, UTC without an offset', () => {
    expect(parseNow('2024-11-29')).toBe(Date.UTC(2024, 10, 29));
    expect(parseNow('2024-11-29T13:45:00')).toBe(Date.UTC(2024, 10, 29, 13, 45));
    expect(parseNow('2024-11-29T13:45:00Z')).toBe(Date.UTC(2024, 10, 29, 13, 45));
    expect(parseNow('2024-11-29T14:45+01:00')).toBe(Date.UTC(2024, 10, 29, 13, 45));
    expect(parseNow('2024-11-29T14:45:00.5+0100')).toBe(Date.UTC(2024, 10, 29, 13, 45, 0, 500));
  });

  it("reads the host's resolv.conf as Proxmox does", () => {
    expect(
      parseHostResolvConf(
        '# comment\nsearch a.example b.example\nnameserver 192.0.2.1\nnameserver not-an-ip\nnameserver 2001:db8::1\n' +
          'domain c.example\nnameserver 192.0.2.2\nnameserver 192.0.2.3\n',
      ),
    ).toEqual({
      nameservers: ['192.0.2.1', '2001:db8::1', '192.0.2.2'],
      searchdomains: ['c.example'],
    });
    expect(parseHostResolvConf('')).toEqual({ nameservers: [], searchdomains: [] });
  });
});

describe('pctkit detect', () => {
  it('prints the OS, version, arch and Proxmox messages; --json', () => {
    const { rootfs } = debianFixture();
    const r = run(['detect', rootfs]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      'ostype: debian\nversion: 12\narch: amd64 (fallback)\nplugin: PVE::LXC::Setup::Debian\n' +
        'Falling back to amd64.\nUse `pct set VMID --arch ARCH` to change.\n',
    );
    expect(r.err).toBe(
      "open '/bin/sh' failed: No such file or directory\nArchitecture detection failed: error in setup task (eval)\n",
    );
    const withConfig = join(rootfs, '..', 'c.conf');
    writeFileSync(withConfig, 'arch: arm64\nostype: ubuntu\n');
    const j = run(['detect', rootfs, '--config', withConfig, '--json']);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.out)).toMatchObject({
      ok: true,
      type: 'debian',
      version: 12,
      arch: 'arm64',
      archSource: 'config',
      warnings: ['got unexpected ostype (debian != ubuntu)\n'],
    });
  });

  it('exits 1 with the reason when Proxmox would die, or the rootfs is unusable', () => {
    const { rootfs } = debianFixture();
    writeFileSync(join(rootfs, 'etc/debian_version'), '3.1\n');
    const r = run(['detect', rootfs]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `pctkit: ${rootfs}: OS detection failed: Container Debian version '3' is too old`,
    );
    expect(run(['detect', '/']).err).toContain("host's root directory; refusing");
    expect(run(['detect', join(rootfs, 'nope')]).code).toBe(1);
    expect(run(['detect', rootfs, '--config', '/nonexistent/1.conf']).err).toBe(
      'pctkit: /nonexistent/1.conf: cannot read: no such file\n',
    );
  });
});

describe('pctkit plan', () => {
  it('prints one line per operation with its reason; --json has the operations as data', () => {
    const { rootfs, config } = debianFixture();
    const before = fingerprint(rootfs);
    const j = run(['plan', config, rootfs, '--json', '--seed', '3']);
    expect(j.code, j.err).toBe(0);
    const plan = JSON.parse(j.out) as {
      hook: string;
      os: object;
      operations: { op: string; path: string; reason: string }[];
    };
    expect(plan.hook).toBe('post-create');
    expect(plan.os).toEqual({ type: 'debian', version: 12, arch: 'amd64' });
    expect(plan.operations.map((o) => `${o.op} ${o.path}`)).toEqual([
      'write /etc/shadow',
      'write /etc/passwd',
      'write /etc/network/interfaces',
      'write /etc/hosts',
      'write /etc/hostname',
      'write /etc/resolv.conf',
      'ssh-host-key /etc/ssh/ssh_host_rsa_key',
      'ssh-host-key /etc/ssh/ssh_host_ecdsa_key',
      'ssh-host-key /etc/ssh/ssh_host_ed25519_key',
    ]);
    const t = run(['plan', config, rootfs]);
    expect(t.code).toBe(0);
    const lines = t.out.trimEnd().split('\n');
    expect(lines[0]).toBe(`post-create plan for ${rootfs} (debian 12, amd64): 9 operations`);
    expect(lines[1]).toBe('  write        /etc/shadow (0640, owner 0:0, 26 chars): root password');
    expect(lines[7]).toBe(
      '  ssh-host-key /etc/ssh/ssh_host_rsa_key (rsa, root@ct7): ssh host rsa key',
    );
    expect(lines).toHaveLength(10);
    expect(fingerprint(rootfs)).toBe(before);
  });

  it('other hooks; --no-ssh-host-keys', () => {
    const { rootfs, config } = debianFixture();
    const pre = JSON.parse(run(['plan', config, rootfs, '--json', '--hook', 'pre-start']).out) as {
      operations: { path: string }[];
    };
    expect(pre.operations[0]?.path).toBe('/fastboot');
    expect(pre.operations.some((o) => o.path.includes('ssh_host'))).toBe(false);
    const noKeys = JSON.parse(
      run(['plan', config, rootfs, '--json', '--no-ssh-host-keys']).out,
    ) as { operations: { op: string }[] };
    expect(noKeys.operations.some((o) => o.op === 'ssh-host-key')).toBe(false);
  });

  it('--seed makes the plan reproducible; without it randomness and UUIDs come from the host', () => {
    const copy = caseCopy('test-debian-001'); // has a crontab to randomise
    const config = sharedPath('pve-tests', 'setup', 'test-debian-001', 'config');
    const plan = (args: string[], host?: SetupHost): string =>
      run(['plan', config, copy, '--json', ...args], host).out;
    expect(plan(['--seed', '5'])).toBe(plan(['--seed', '5']));
    expect(plan(['--seed', '5'])).not.toBe(plan(['--seed', '6']));
    expect(plan(['--pve-test-mode'])).toBe(
      plan([
        '--seed',
        '0',
        '--nameserver',
        '8.8.8.8 8.8.8.9',
        '--searchdomain',
        'proxmox.com',
        '--no-ssh-host-keys',
      ]),
    );
    let drawn = 0;
    const counting = fakeHost({ randomBytes: (n) => ((drawn += n), new Uint8Array(n)) });
    plan([], counting);
    expect(drawn).toBeGreaterThan(0);
  });

  it('fails with the reason and changes nothing when planning fails', () => {
    const { rootfs, config } = debianFixture();
    const before = fingerprint(rootfs);
    const r = run(['apply', config, rootfs, '--password-hash', 'secret']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('the root password must be given as a crypt hash');
    expect(r.err).toContain('nothing was changed');
    expect(fingerprint(rootfs)).toBe(before);
  });
});

describe('pctkit apply', () => {
  it('applies, reports what changed, and a second apply changes only the keys (replaced)', () => {
    const { base, rootfs, config } = debianFixture();
    const sentinel = fingerprint(join(base, 'outside-sentinel'));
    const args = [
      'apply',
      config,
      rootfs,
      '--now',
      '2024-11-29',
      '--password-hash',
      '$5$SALT$PASS',
      '--ssh-key',
      'ssh-ed25519 AAAA k@x',
    ];
    const r = run(args);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `post-create applied to ${rootfs} (debian 12, amd64): 11 operations: 10 changed, 1 unchanged, 0 skipped`,
    );
    expect(lines).toContain('  changed      /etc/hostname [content]: hostname ct7');
    expect(lines).toContain(
      '  changed      /etc/ssh/ssh_host_rsa_key [created] (new rsa key pair): ssh host rsa key',
    );
    expect(readFileSync(join(rootfs, 'etc/shadow'), 'utf8')).toBe(
      `root:$5$SALT$PASS:${Math.floor(Date.UTC(2024, 10, 29) / 86400000)}:0:99999:7:::\n`,
    );
    expect(readFileSync(join(rootfs, 'etc/resolv.conf'), 'utf8')).toBe(
      '# --- BEGIN PVE ---\nsearch host.example\nnameserver 192.0.2.53\n# --- END PVE ---\n',
    );
    const pub = readFileSync(join(rootfs, 'etc/ssh/ssh_host_ed25519_key.pub'), 'utf8');
    expect(pub).toMatch(/^ssh-ed25519 [0-9a-f]{16} root@ct7\n$/);

    // Default policy: replace. Everything else is unchanged, apart from Proxmox's authorized_keys
    // mode quirk (0700 when created, 0644 when rewritten).
    const again = run([...args, '--json']);
    const report = JSON.parse(again.out) as Report;
    expect(
      report.outcomes
        .filter((o) => o.status === 'changed')
        .map((o) => `${o.path} ${o.changes.join(',')}`),
    ).toEqual([
      '/root/.ssh/authorized_keys mode',
      '/etc/ssh/ssh_host_rsa_key content',
      '/etc/ssh/ssh_host_ecdsa_key content',
      '/etc/ssh/ssh_host_ed25519_key content',
    ]);
    expect(readFileSync(join(rootfs, 'etc/ssh/ssh_host_ed25519_key.pub'), 'utf8')).not.toBe(pub);

    // --keep-ssh-host-keys: the valid pairs stay, nothing changes.
    const kept = readFileSync(join(rootfs, 'etc/ssh/ssh_host_ed25519_key.pub'), 'utf8');
    const keep = run([...args, '--keep-ssh-host-keys', '--json']);
    const keepReport = JSON.parse(keep.out) as Report;
    expect(keepReport.summary).toEqual({ operations: 10, changed: 0, unchanged: 10, skipped: 0 }); // /root/.ssh exists now
    expect(keepReport.outcomes.filter((o) => o.op === 'ssh-host-key').map((o) => o.note)).toEqual(
      Array(3).fill('existing key pair kept'),
    );
    expect(readFileSync(join(rootfs, 'etc/ssh/ssh_host_ed25519_key.pub'), 'utf8')).toBe(kept);
    // A broken pair is regenerated even so.
    writeFileSync(
      join(rootfs, 'etc/ssh/ssh_host_ecdsa_key.pub'),
      'ssh-ecdsa something-else root@ct7\n',
    );
    const fixed = JSON.parse(run([...args, '--keep-ssh-host-keys', '--json']).out) as Report;
    expect(fixed.outcomes.filter((o) => o.status === 'changed').map((o) => o.path)).toEqual([
      '/etc/ssh/ssh_host_ecdsa_key',
    ]);
    expect(fingerprint(join(base, 'outside-sentinel'))).toBe(sentinel);
  });

  it('host DNS: --nameserver/--searchdomain replace the host resolv.conf; the config wins over both', () => {
    const { rootfs, config } = debianFixture();
    expect(
      run(['apply', config, rootfs, '--no-ssh-host-keys', '--nameserver', '192.0.2.1,192.0.2.2'])
        .code,
    ).toBe(0);
    expect(readFileSync(join(rootfs, 'etc/resolv.conf'), 'utf8')).toBe(
      '# --- BEGIN PVE ---\nsearch host.example\nnameserver 192.0.2.1\nnameserver 192.0.2.2\n# --- END PVE ---\n',
    );
    writeFileSync(
      config,
      readFileSync(config, 'utf8') + 'searchdomain: ct.example\nnameserver: 198.51.100.1\n',
    );
    expect(
      run([
        'apply',
        config,
        rootfs,
        '--no-ssh-host-keys',
        '--nameserver',
        '192.0.2.1',
        '--searchdomain',
        'x.example',
      ]).code,
    ).toBe(0);
    expect(readFileSync(join(rootfs, 'etc/resolv.conf'), 'utf8')).toBe(
      '# --- BEGIN PVE ---\nsearch ct.example\nnameserver 198.51.100.1\n# --- END PVE ---\n',
    );
  });

  it('--dry-run writes nothing and prints the diffs', () => {
    const { rootfs, config } = debianFixture();
    const before = fingerprint(rootfs);
    const r = run(['apply', config, rootfs, '--dry-run', '--now', '2024-11-29']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      `dry run of post-create on ${rootfs} (debian 12, amd64), nothing written: 9 operations: 8 would change, 1 unchanged, 0 skipped\n`,
    );
    expect(r.out).toContain(
      '  would change /etc/ssh/ssh_host_rsa_key [created] (a new rsa key pair would be generated): ssh host rsa key\n',
    );
    expect(r.out).toContain(
      '--- a/etc/hostname\n+++ b/etc/hostname\n@@ -1,1 +1,1 @@\n-localhost\n+ct7\n',
    );
    expect(fingerprint(rootfs)).toBe(before);
    const j = JSON.parse(run(['apply', config, rootfs, '--dry-run', '--json']).out) as Report;
    expect(j.diffs.map((d) => d.path)).toEqual([
      '/etc/shadow',
      '/etc/network/interfaces',
      '/etc/hosts',
      '/etc/hostname',
      '/etc/resolv.conf',
    ]);
    expect(fingerprint(rootfs)).toBe(before);
  });

  it('a failing operation: exit 1, the reason on stderr, the partial report; apply again finishes', () => {
    const { rootfs, config } = debianFixture();
    const noKeygen = fakeHost({ sshKeygen: join(scratch, 'no-such-ssh-keygen') });
    const r = run(['apply', config, rootfs], noKeygen);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'pctkit: apply failed (operation 7 of 9): cannot generate ssh host key /etc/ssh/ssh_host_rsa_key:',
    );
    expect(r.err).toContain('was not found on the host');
    expect(r.err).toContain('run apply again to finish');
    expect(r.out).toContain(': 6 of 9 operations done: 5 changed, 1 unchanged, 0 skipped\n');
    expect(readFileSync(join(rootfs, 'etc/hostname'), 'utf8')).toBe('ct7\n');
    expect(existsSync(join(rootfs, 'etc/ssh/ssh_host_rsa_key'))).toBe(false);
    const j = JSON.parse(run(['apply', config, rootfs, '--json'], noKeygen).out) as Report;
    expect(j.ok).toBe(false);
    expect(j.error?.code).toBe('SSH_KEYGEN_MISSING');
    const fixed = JSON.parse(run(['apply', config, rootfs, '--json']).out) as Report;
    expect(fixed.outcomes.filter((o) => o.status === 'changed').map((o) => o.op)).toEqual([
      'ssh-host-key',
      'ssh-host-key',
      'ssh-host-key',
    ]);
  });

  it('stays inside the rootfs: an absolute link to a host file is replaced, the host file untouched', () => {
    const { base, rootfs, config } = debianFixture();
    const hostFile = join(base, 'outside-sentinel');
    rmSync(join(rootfs, 'etc/hostname'));
    layout(rootfs, { 'etc/hostname': { link: hostFile } });
    const before = fingerprint(hostFile);
    const r = run(['apply', config, rootfs, '--no-ssh-host-keys', '--json']);
    expect(r.code, r.err).toBe(0);
    const o = (JSON.parse(r.out) as Report).outcomes.find((x) => x.path === '/etc/hostname');
    expect(o).toMatchObject({ status: 'changed', changes: ['type', 'content'] });
    expect(lstatSync(join(rootfs, 'etc/hostname')).isFile()).toBe(true);
    expect(fingerprint(hostFile)).toBe(before);
  });

  it('timezone: a zone of the container, or the host zone, becomes /etc/localtime', () => {
    const { rootfs, config } = debianFixture('hostname: tz\ntimezone: Europe/Vienna\n');
    layout(rootfs, {
      'usr/share/zoneinfo/Europe/Vienna': 'TZif',
      'usr/share/zoneinfo/Etc/UTC': 'TZif',
      'etc/timezone': 'Etc/UTC\n',
    });
    expect(run(['apply', config, rootfs, '--no-ssh-host-keys']).code).toBe(0);
    expect(readlinkSync(join(rootfs, 'etc/localtime'))).toBe('/usr/share/zoneinfo/Europe/Vienna');
    expect(readFileSync(join(rootfs, 'etc/timezone'), 'utf8')).toBe('Europe/Vienna\n');
    writeFileSync(config, 'hostname: tz\ntimezone: host\n');
    const host = fakeHost({
      realpath: (p) => (p === '/etc/localtime' ? '/usr/share/zoneinfo/Etc/UTC' : undefined),
    });
    expect(run(['apply', config, rootfs, '--no-ssh-host-keys'], host).code).toBe(0);
    expect(readlinkSync(join(rootfs, 'etc/localtime'))).toBe('/usr/share/zoneinfo/Etc/UTC');
    expect(readFileSync(join(rootfs, 'etc/timezone'), 'utf8')).toBe('Etc/UTC\n');
  });

  it('progress: a live counter on a terminal, otherwise a line per host key', () => {
    const { rootfs, config } = debianFixture();
    const tty = run(['apply', config, rootfs, '--dry-run'], fakeHost({ stderrIsTTY: true }));
    expect(tty.err).toContain('\r\x1b[K[1/9] changed /etc/shadow');
    expect(tty.err.endsWith('\r\x1b[K')).toBe(true);
    const plain = run(['apply', config, rootfs], fakeHost());
    expect(plain.err).toBe(
      'Falling back to amd64.\nUse `pct set VMID --arch ARCH` to change.\n' +
        "open '/bin/sh' failed: No such file or directory\nArchitecture detection failed: error in setup task (eval)\n" +
        ['rsa', 'ecdsa', 'ed25519']
          .map((t, i) => `pctkit: [${7 + i}/9] ssh host ${t} key: new ${t} key pair\n`)
          .join(''),
    );
  });

  it('the process host is the default', () => {
    expect(processSetupHost.stderrIsTTY).toBe(process.stderr.isTTY === true);
    expect(processSetupHost.randomBytes(4)).toHaveLength(4);
    expect(processSetupHost.realpath('/nonexistent/x')).toBeUndefined();
  });
});

describe('plan and apply refuse what pct would refuse (issue 12 item 1)', () => {
  const HOSTILE =
    'hostname: ct1 localhost evil.example\nnet0: name=eth0,bridge=vmbr0,ip=192.0.2.7/24\n';

  for (const command of ['plan', 'apply']) {
    it(`${command}: a hostname pct set refuses stops it (exit 1, the error printed, nothing written)`, () => {
      const { rootfs, config } = debianFixture(HOSTILE);
      const before = fingerprint(rootfs);
      const r = run([command, config, rootfs, '--no-ssh-host-keys']);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toContain(
        `${config}:1:11: error: hostname: value does not look like a valid DNS name`,
      );
      expect(r.err).toContain('1 error; nothing was planned (--force goes on as Proxmox does');
      expect(fingerprint(rootfs)).toBe(before);
    });

    it(`${command}: a value only the API refuses (a range) is refused too`, () => {
      const { rootfs, config } = debianFixture('hostname: ct1\ncores: 0\n');
      const r = run([command, config, rootfs, '--no-ssh-host-keys']);
      expect(r.code).toBe(1);
      expect(r.err).toContain(
        'cores: value must have a minimum value of 1 (pct set refuses this value)',
      );
    });
  }

  it('apply --force goes on as Proxmox does, with its warning', () => {
    const { rootfs, config } = debianFixture(HOSTILE);
    const r = run(['apply', config, rootfs, '--no-ssh-host-keys', '--force']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('warning: hostname: value does not look like a valid DNS name');
    expect(readFileSync(join(rootfs, 'etc/hostname'), 'utf8')).toBe('ct1 localhost evil\n'); // the name up to its first dot, as Proxmox writes it
  });

  it('every error of the config is printed', () => {
    const { rootfs, config } = debianFixture('hostname: a b\nnameserver: 1.1.1.1 evil\nfoo: bar\n');
    const r = run(['plan', config, rootfs]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('hostname: value does not look like a valid DNS name');
    expect(r.err).toContain('nameserver: value does not look like a valid IP address');
    expect(r.err).toContain("unknown setting 'foo'");
    expect(r.err).toContain('3 errors; nothing was planned');
  });

  it('--searchdomain and --nameserver are checked as the API checks them, item by item', () => {
    const { rootfs, config } = debianFixture();
    const before = fingerprint(rootfs);
    const search = run([
      'apply',
      config,
      rootfs,
      '--searchdomain',
      'search evil.com options ndots:15',
    ]);
    expect(search.code).toBe(1);
    expect(search.err).toContain(
      'pctkit: error: --searchdomain: invalid format - value does not look like a valid DNS name',
    );
    const ns = run(['apply', config, rootfs, '--nameserver', '1.1.1.1\noptions']);
    expect(ns.code).toBe(1);
    expect(ns.err).toContain('pctkit: error: --nameserver: ');
    expect(fingerprint(rootfs)).toBe(before);
    const good = run([
      'plan',
      config,
      rootfs,
      '--nameserver',
      '1.1.1.1,2001:db8::1',
      '--searchdomain',
      'a.example b.example',
    ]);
    expect(good.code).toBe(0);
  });

  it('human output escapes control bytes from the rootfs (terminal-safe)', () => {
    const { rootfs, config } = debianFixture();
    writeFileSync(join(rootfs, 'etc/hosts'), '# \x1b]0;owned\x07 \r\n127.0.0.1 localhost\n');
    const r = run(['apply', config, rootfs, '--dry-run', '--no-ssh-host-keys']);
    expect(r.code).toBe(0);
    // eslint-disable-next-line no-control-regex -- the control bytes are what must not appear
    expect(r.out).not.toMatch(/[\x1b\x07\r]/);
    expect(r.out).toContain('\\e]0;owned\\x07 \\r');
  });

  it('each command has its own usage text', () => {
    for (const [name, text] of [
      ['detect', detectUsage],
      ['plan', planUsage],
      ['apply', applyUsage],
    ] as const) {
      expect(text).toContain(`pctkit ${name} `);
      expect(setupUsage).toContain(`pctkit ${name} `);
    }
    expect(planUsage).toContain('--force');
    expect(applyUsage).toContain('--nameserver LIST');
  });
});
