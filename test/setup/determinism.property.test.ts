/** Planning is a function of its inputs: equal inputs (same seed, same UUIDs) give equal plans. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FsEntryInput } from '../../src/os/fs-snapshot.js';
import { fsSnapshot } from '../../src/os/fs-snapshot.js';
import { drand48 } from '../../src/random/drand48.js';
import { planSetup } from '../../src/setup/plan-setup.js';

const hostname = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}(\.[a-z]{2,5}){0,2}$/);
const octet = fc.integer({ min: 0, max: 255 });
const ip = fc.oneof(
  fc.constant('dhcp'),
  fc.constant('manual'),
  fc
    .tuple(octet, octet, octet, octet, fc.integer({ min: 8, max: 32 }))
    .map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}/${p}`),
);
const ip6 = fc.oneof(
  fc.constant('auto'),
  fc.constant('dhcp'),
  fc.constant('manual'),
  fc.integer({ min: 1, max: 0xffff }).map((n) => `fc00::${n.toString(16)}/64`),
);
const net = fc.record(
  {
    ip,
    ip6,
    gw: fc.tuple(octet, octet).map(([a, b]) => `10.${a}.${b}.1`),
    gw6: fc.constant('fe80::1'),
  },
  { requiredKeys: [] },
);

const files: Record<string, FsEntryInput> = {
  '/root': { dir: true },
  '/etc/crontab':
    '17 * * * * root cd / && run-parts --report /etc/cron.hourly\n25 6 * * * root test\n',
  '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n',
  '/etc/shadow': 'root:*:1:0:99999:7:::\n',
  '/etc/hosts': '127.0.0.1 localhost\n',
  '/etc/network/interfaces':
    'auto lo\niface lo inet loopback\n\nauto eth0\niface eth0 inet static\n\taddress 1.2.3.4\n\tnetmask 255.0.0.0\n\tmtu 1400\n',
  '/etc/inittab': '1:2345:respawn:/sbin/getty 38400 tty1\n',
};

describe('planSetup is deterministic', () => {
  it('equal inputs give equal plans', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('debian', 'devuan', 'ubuntu', 'alpine', 'nixos'),
        hostname,
        fc.array(net, { maxLength: 4 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (type, name, nets, tty, seed) => {
          const values: Record<string, string | number> = { hostname: name, tty };
          nets.forEach((n, i) => {
            values[`net${i}`] = [
              `name=eth${i}`,
              ...Object.entries(n).map(([k, v]) => `${k}=${v}`),
            ].join(',');
          });
          const version = { debian: 12, devuan: 12, ubuntu: '16.04', alpine: '3.18.0', nixos: 0 }[
            type
          ];
          const run = () =>
            planSetup({
              snapshot: fsSnapshot(files),
              config: { values, lxc: [] },
              os: { type, version },
              hook: 'post-create',
              now: 1_700_000_000,
              random: drand48(seed),
              uuid: () => '00000000-0000-0000-0000-000000000000',
              hostDns: { nameservers: ['192.0.2.1'], searchdomains: ['example.org'] },
              rootPasswordHash: '$6$salt$hash',
              sshKeys: 'ssh-ed25519 AAAA test',
            });
          expect(run()).toEqual(run());
        },
      ),
      { numRuns: 200 },
    );
  });
});
