import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { ConfigSection } from '../../src/config/model.js';
import type { FsEntryInput, FsSnapshot } from '../../src/os/fs-snapshot.js';
import { fsSnapshot, readLink, readTextFile } from '../../src/os/fs-snapshot.js';
import { drand48 } from '../../src/random/drand48.js';
import { applyPlanToSnapshot } from '../../src/setup/apply-to-snapshot.js';
import type { SetupHook, SetupInput, SetupPlan } from '../../src/setup/plan-setup.js';
import { planSetup } from '../../src/setup/plan-setup.js';
import type { SetupError } from '../../src/setup/setup-error.js';

const section = (
  values: Record<string, string | number>,
  lxc: [string, string][] = [],
): ConfigSection => ({ values, lxc });

function input(
  files: Record<string, FsEntryInput>,
  values: Record<string, string | number>,
  type: string,
  version: string | number | undefined,
  hook: SetupHook = 'post-create',
  extra: Partial<SetupInput> = {},
): SetupInput {
  return {
    snapshot: fsSnapshot(files),
    config: section(values),
    os: { type, version },
    hook,
    now: 86400 * 20000,
    random: drand48(0),
    uuid: () => '00000000-0000-0000-0000-000000000000',
    hostDns: { nameservers: ['192.0.2.53'], searchdomains: ['example.org'] },
    ...extra,
  };
}

function plan(i: SetupInput): SetupPlan {
  const r = planSetup(i);
  if (E.isLeft(r)) throw new Error(r.left[0].message);
  return r.right;
}

function result(i: SetupInput): FsSnapshot {
  const r = applyPlanToSnapshot(i.snapshot, plan(i).operations);
  if (E.isLeft(r)) throw new Error(r.left[0].message);
  return r.right;
}

const text = (s: FsSnapshot, p: string): string | undefined => {
  const r = readTextFile(s, p);
  return E.isRight(r) ? r.right : undefined;
};

const DEBIAN_BASE: Record<string, FsEntryInput> = {
  '/etc/debian_version': '12.5\n',
  '/root': { dir: true },
};

describe('planSetup hooks', () => {
  it('pre-start: /fastboot first, then init/network/hostname/dns; no password, keys or crontab', () => {
    const i = input(
      {
        ...DEBIAN_BASE,
        '/etc/crontab': '5 * * * * root x\n',
        '/etc/passwd': 'root:x:0:0::/root:/bin/sh\n',
      },
      { hostname: 'ct1' },
      'debian',
      12,
      'pre-start',
      {
        rootPasswordHash: '$5$a$b',
        sshKeys: 'ssh-ed25519 AAA',
      },
    );
    const ops = plan(i).operations;
    expect(ops[0]).toMatchObject({ op: 'write', path: '/fastboot', content: '' });
    expect(ops.map((o) => o.path)).toEqual([
      '/fastboot',
      '/etc/hosts',
      '/etc/hostname',
      '/etc/resolv.conf',
    ]);
  });

  it('unmanaged: every hook is an empty plan', () => {
    for (const hook of ['post-create', 'pre-start', 'post-clone'] as const) {
      expect(
        plan(
          input(
            { '/etc/passwd': 'root:x:0:0::/root:/bin/sh\n' },
            { hostname: 'x' },
            'unmanaged',
            undefined,
            hook,
          ),
        ),
      ).toEqual({ operations: [], warnings: [] });
    }
  });

  it('post-clone: empties the machine id of a systemd container', () => {
    const s = result(
      input(
        { '/etc/machine-id': 'abc\n', '/lib/systemd/systemd': { file: '', mode: 0o755 } },
        {},
        'debian',
        12,
        'post-clone',
      ),
    );
    expect(text(s, '/etc/machine-id')).toBe('\n');
  });

  it('post-create removes the machine id', () => {
    const s = result(input({ ...DEBIAN_BASE, '/etc/machine-id': 'abc\n' }, {}, 'debian', 12));
    expect(s.entries.has('/etc/machine-id')).toBe(false);
  });

  it('unknown OS type and hook are errors', () => {
    expect(planSetup(input({}, {}, 'plan9', undefined))).toEqual(
      E.left([
        {
          code: 'SETUP_UNKNOWN_OS_TYPE',
          severity: 'error',
          message: "no such OS type 'plan9'",
          proxmoxText: "no such OS type 'plan9'\n",
        },
      ]),
    );
    const hook = planSetup(input({}, {}, 'debian', 12, 'reboot' as SetupHook));
    expect(E.isLeft(hook) && hook.left[0]).toMatchObject({ code: 'SETUP_UNKNOWN_HOOK' });
    expect(E.isLeft(hook) && hook.left[0].proxmoxText).toBeUndefined();
  });

  it('a failure carries the operations already planned (what Proxmox leaves on disk)', () => {
    const r = planSetup(
      input(
        { '/etc/debian_version': '12\n', '/etc/passwd': 'root:x:0:0::/nohome:/bin/sh\n' },
        {},
        'debian',
        12,
        'post-create',
        { sshKeys: 'k' },
      ),
    );
    expect(E.isLeft(r)).toBe(true);
    const err = (r as E.Left<readonly [SetupError]>).left[0];
    expect(err).toMatchObject({
      code: 'SETUP_MISSING_HOME',
      message: "home directory '/nohome' of root does not exist!",
    });
    expect(err.operations?.map((o) => o.path)).toEqual(['/etc/passwd']);
  });

  it('requests ssh host keys only when asked and /etc/ssh exists', () => {
    const files = { ...DEBIAN_BASE, '/etc/ssh': { dir: true } } as Record<string, FsEntryInput>;
    const ops = plan(
      input(files, { hostname: 'web.example.com' }, 'debian', 12, 'post-create', {
        sshHostKeys: true,
      }),
    ).operations;
    expect(ops.filter((o) => o.op === 'ssh-host-key')).toEqual(
      ['rsa', 'ecdsa', 'ed25519'].map((t) => ({
        op: 'ssh-host-key',
        path: `/etc/ssh/ssh_host_${t}_key`,
        keyType: t,
        comment: 'root@web',
        reason: `ssh host ${t} key`,
      })),
    );
    expect(
      plan(input(files, {}, 'debian', 12)).operations.some((o) => o.op === 'ssh-host-key'),
    ).toBe(false);
  });

  it('unprivileged containers: every created file is owned by the mapped root', () => {
    const ops = plan(
      input({ ...DEBIAN_BASE }, { unprivileged: 1, hostname: 'ct' }, 'debian', 12, 'post-create', {
        sshKeys: 'k',
      }),
    ).operations;
    expect(ops.length).toBeGreaterThan(0);
    for (const o of ops) expect(o).toMatchObject({ owner: { uid: 100000, gid: 100000 } });
  });

  it('timezone: links /etc/localtime and updates an existing /etc/timezone; warns when missing', () => {
    const files = {
      ...DEBIAN_BASE,
      '/usr/share/zoneinfo/Europe/Vienna': 'TZif',
      '/etc/localtime': { symlink: '/usr/share/zoneinfo/UTC' },
      '/etc/timezone': 'UTC\n',
    } as Record<string, FsEntryInput>;
    const s = result(input(files, { timezone: 'Europe/Vienna' }, 'debian', 12, 'pre-start'));
    expect(readLink(s, '/etc/localtime')).toBe('/usr/share/zoneinfo/Europe/Vienna');
    expect(text(s, '/etc/timezone')).toBe('Europe/Vienna\n');
    expect(
      plan(input(files, { timezone: 'Mars/Base' }, 'debian', 12, 'pre-start')).warnings,
    ).toEqual([
      {
        code: 'SETUP_TIMEZONE_MISSING',
        severity: 'warning',
        message: 'container does not have /usr/share/zoneinfo/Mars/Base, timezone can not be modified',
      },
    ]);
    expect(
      plan(input(files, { timezone: 'host' }, 'debian', 12, 'pre-start')).warnings.map((w) => w.code),
    ).toEqual(['SETUP_TIMEZONE_UNKNOWN']);
    expect(
      plan(input(files, { timezone: 'Europe/Vienna' }, 'nixos', 0, 'pre-start')).operations.some(
        (o) => o.path === '/etc/localtime',
      ),
    ).toBe(false);
  });

  it('Debian without systemd: the snakeoil key-pair goes, with two warnings', () => {
    const files = { ...DEBIAN_BASE, '/etc/ssl/private/ssl-cert-snakeoil.key': 'KEY' } as Record<string, FsEntryInput>;
    const p = plan(input(files, {}, 'debian', 12));
    expect(p.warnings.map((w) => [w.code, w.severity])).toEqual([
      ['SETUP_SNAKEOIL_NOT_REGENERATED', 'warning'],
      ['SETUP_SNAKEOIL_REMOVED', 'warning'],
    ]);
    expect(result(input(files, {}, 'debian', 12)).entries.has('/etc/ssl/private/ssl-cert-snakeoil.key')).toBe(false);
  });

  it('Debian 12 with systemd: container-getty links and the preset with networkd disabled; snakeoil unit', () => {
    const files: Record<string, FsEntryInput> = {
      ...DEBIAN_BASE,
      '/sbin/init': { symlink: '/lib/systemd/systemd' },
      '/lib/systemd/systemd': { file: '', mode: 0o755 },
      '/lib/systemd/system/container-getty@.service':
        'ExecStart=-/sbin/agetty --noclear --keep-baud pts/%I 115200,38400,9600 $TERM\n',
      '/etc/systemd/system/getty.target.wants/getty@tty1.service': {
        symlink: '/lib/systemd/system/getty@.service',
      },
      '/etc/ssl/private/ssl-cert-snakeoil.key': 'KEY',
    };
    const s = result(input(files, { tty: 3 }, 'debian', 12));
    expect(text(s, '/lib/systemd/system/container-getty@.service')).toContain(' tty%I ');
    const wants = [...s.entries.keys()]
      .filter((k) => k.startsWith('/etc/systemd/system/getty.target.wants/'))
      .sort();
    expect(wants).toEqual(
      [1, 2, 3].map((n) => `/etc/systemd/system/getty.target.wants/container-getty@${n}.service`),
    );
    expect(text(s, '/etc/systemd/system-preset/00-pve.preset')).toContain(
      'disable systemd-networkd.service\n',
    );
    expect(s.entries.has('/etc/ssl/private/ssl-cert-snakeoil.key')).toBe(false);
    expect(
      readLink(
        s,
        '/etc/systemd/system/first-boot-complete.target.wants/proxmox-regenerate-snakeoil.service',
      ),
    ).toBe('/etc/systemd/system/proxmox-regenerate-snakeoil.service');
  });

  it('Ubuntu 22.04: networkd files, networkd enabled by links, netplan file removed', () => {
    const files: Record<string, FsEntryInput> = {
      '/root': { dir: true },
      '/etc/systemd/system': { dir: true },
      '/etc/netplan/10-lxc.yaml': 'x',
    };
    const s = result(input(files, { net0: 'name=eth0,ip=dhcp' }, 'ubuntu', '22.04'));
    expect(text(s, '/etc/systemd/network/eth0.network')).toContain('DHCP = ipv4\n');
    expect(readLink(s, '/etc/systemd/system/socket.target.wants/systemd-networkd.socket')).toBe(
      '/lib/systemd/system/systemd-networkd.socket',
    );
    expect(s.entries.has('/etc/netplan/10-lxc.yaml')).toBe(false);
    expect(s.entries.has('/etc/network/interfaces')).toBe(false);
  });

  it('Ubuntu 14.04: upstart tty jobs and Debian interfaces in the old style', () => {
    const files: Record<string, FsEntryInput> = {
      '/root': { dir: true },
      '/etc/init/tty4.conf': 'old',
    };
    const s = result(input(files, { net0: 'name=eth0,ip=10.0.0.2/24', tty: 2 }, 'ubuntu', '14.04'));
    expect(text(s, '/etc/init/tty2.conf')).toContain('exec /sbin/getty -8 38400 tty2\n');
    expect(s.entries.has('/etc/init/tty4.conf')).toBe(false);
    expect(text(s, '/etc/network/interfaces')).toContain(
      '\taddress 10.0.0.2\n\tnetmask 255.255.255.0\n',
    );
  });

  it('Ubuntu 24.04: preset with networkd enabled', () => {
    const s = result(input({ '/root': { dir: true } }, {}, 'ubuntu', '24.04'));
    expect(text(s, '/etc/systemd/system-preset/00-pve.preset')).toContain(
      'enable systemd-networkd.service\n',
    );
  });

  it('NixOS: networkd, Base hostname', () => {
    const s = result(
      input(
        { '/root': { dir: true }, '/etc': { dir: true } },
        { hostname: 'nix', net0: 'name=eth0,ip=10.0.0.2/24,gw=10.0.0.1' },
        'nixos',
        0,
      ),
    );
    expect(text(s, '/etc/systemd/network/eth0.network')).toContain(
      'Address = 10.0.0.2/24\nGateway = 10.0.0.1\n',
    );
    expect(text(s, '/etc/hostname')).toBe('nix\n');
  });

  it('Alpine: runlevel links, ip6 auto/dhcp written as manual', () => {
    const files: Record<string, FsEntryInput> = {
      '/root': { dir: true },
      '/etc/runlevels/boot': { dir: true },
    };
    const s = result(input(files, { net0: 'name=eth0,ip6=auto' }, 'alpine', '3.19.1'));
    expect(readLink(s, '/etc/runlevels/boot/networking')).toBe('/etc/init.d/networking');
    expect(s.entries.has('/etc/runlevels/shutdown/killprocs')).toBe(false);
    expect(text(s, '/etc/network/interfaces')).toContain('iface eth0 inet6 manual\n');
  });
});

describe('planSetup config errors', () => {
  it('an unparsable netN is an invalid-config error', () => {
    const r = planSetup(
      input({ ...DEBIAN_BASE }, { net0: 'name=eth0,ip=1.2.3.4/7' }, 'debian', 12),
    );
    expect(E.isLeft(r) && r.left[0].code).toBe('SETUP_INVALID_CONFIG');
  });
});
