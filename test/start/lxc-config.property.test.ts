/**
 * Properties of planLxcConfig over generated configs (the `pctkit/testing` arbitraries) and any
 * decodable host facts: it never throws, and every line it emits is `key = value` with no line
 * feed inside; a value with a line feed is refused with an error.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { emptySection } from '../../src/config/model.js';
import type { ConfigSection, ConfigValue } from '../../src/config/model.js';
import { readConfig } from '../../src/config/reader.js';
import { drand48 } from '../../src/random/drand48.js';
import { decodeHostFacts } from '../../src/start/host-facts.js';
import type { HostFacts } from '../../src/start/host-facts.js';
import { planLxcConfig } from '../../src/start/lxc-config.js';
import { configText, validConfigText } from '../../src/testing/index.js';
import { loadLxcConfigCases } from './lxc-vectors.js';

const name = fc.oneof(
  fc.constantFrom('vmbr0', 'vmbr1', '/dev/net/tun', '/dev/sdb', '__proto__', 'constructor'),
  fc.string({ maxLength: 12 }),
);
const controllers = fc.array(fc.constantFrom('cpuset', 'cpu', 'memory', 'io', 'pids', 'x'), {
  maxLength: 6,
});
const cpuList = fc.oneof(
  fc.constantFrom('0-7', '0', '', '0-3,8,10-11', '5-2', 'x', '0-100000'),
  fc.string({ maxLength: 10 }),
);
const device = fc.oneof(
  fc.record({
    type: fc.constantFrom('c' as const, 'b' as const),
    major: fc.nat(4095),
    minor: fc.nat(1 << 20),
  }),
  fc.record({ type: fc.constantFrom('file' as const, 'dir' as const) }),
);

/** Any host facts the codec accepts (checked by decoding each one). */
const hostFacts: fc.Arbitrary<HostFacts> = fc.record({
  lxcVersionOutput: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('6.0.4\n', '3.0.4\n', '4.0.12\n') },
    fc.constantFrom('lxc version unknown\n', ''),
    fc.string(),
  ),
  lxcConfigFiles: fc.array(
    fc.oneof(
      fc.constantFrom('common.conf', 'userns.conf', 'debian.common.conf', 'debian.userns.conf'),
      fc.string(),
    ),
    { maxLength: 5 },
  ),
  commonSeccomp: fc.option(fc.string(), { nil: null }),
  kernelRelease: fc.oneof(fc.constantFrom('6.8.12-4-pve', '5.2.0', '5.3', 'weird'), fc.string()),
  syscalldNewSocket: fc.boolean(),
  syscalldOldSocket: fc.constantFrom('absent' as const, 'file' as const, 'symlink' as const),
  cgroupMode: fc.constantFrom(1 as const, 2 as const, null),
  cgroupV1Controllers: controllers,
  cgroupV2Controllers: fc.option(controllers, { nil: null }),
  cpusetEffective: fc.dictionary(
    fc.constantFrom(
      '/sys/fs/cgroup/lxc',
      '/sys/fs/cgroup/unified/lxc',
      '/sys/fs/cgroup/cpuset/lxc',
      '/sys/fs/cgroup',
    ),
    fc.record({ version: fc.constantFrom(1 as const, 2 as const), cpus: cpuList }),
  ),
  bridgeMtu: fc.dictionary(name, fc.nat(65535), { maxKeys: 4 }),
  devices: fc.dictionary(name, device, { maxKeys: 4 }),
  ctDirExists: fc.boolean(),
});

/**
 * Raw generated files rarely have `arch`, `ostype` and `rootfs` (the plan stops there), so most
 * runs put valid defaults in front (the file's own values win) to reach the later blocks.
 */
const configs = fc.oneof(
  configText(),
  validConfigText(),
  fc
    .tuple(
      fc.constantFrom('amd64', 'arm64'),
      fc.constantFrom('debian', 'alpine', 'devuan'),
      validConfigText({ pending: false, maxSnapshots: 0 }),
    )
    .map(
      ([arch, ostype, text]) =>
        `arch: ${arch}\nostype: ${ostype}\nrootfs: local:100/vm-100-disk-0.raw\n${text}`,
    ),
  fc
    .tuple(configText())
    .map(([text]) => `arch: amd64\nostype: debian\nrootfs: local-lvm:vm-100-disk-0\n${text}`),
);

function checkLines(config: string): void {
  expect(config === '' || config.endsWith('\n')).toBe(true);
  for (const line of config.slice(0, -1).split('\n')) {
    expect(line).toMatch(/^[^\n=]+? = [^\n]*$/);
  }
}

describe('planLxcConfig properties', () => {
  it('the generated facts are decodable', () => {
    fc.assert(
      fc.property(hostFacts, (facts) => E.isRight(decodeHostFacts(facts))),
      { numRuns: 200 },
    );
  });

  it('never throws; every emitted line is key = value without a line feed in the value', () => {
    let written = 0;
    fc.assert(
      fc.property(
        configs,
        hostFacts,
        fc.nat(),
        fc.integer({ min: 1, max: 999999999 }),
        (text, facts, seed, vmid) => {
          const result = planLxcConfig(readConfig(text).config.main, facts, {
            vmid,
            random: drand48(seed),
          });
          if (E.isLeft(result)) {
            expect(result.left.some((d) => d.severity === 'error')).toBe(true);
            return;
          }
          if (result.right.files === null) return;
          written++;
          checkLines(result.right.files.config);
        },
      ),
      { numRuns: 400 },
    );
    // The generators must reach the end of the plan often enough for the property to mean something.
    expect(written).toBeGreaterThan(20);
  });

  const kitchen = loadLxcConfigCases().find((c) => c.name === 'v2-priv-alpine-kitchen-sink');
  const kitchenFacts = decodeHostFacts(kitchen?.factsJson);
  if (kitchen === undefined || E.isLeft(kitchenFacts)) throw new Error('missing kitchen-sink case');
  const kitchenSection = readConfig(kitchen.config).config.main;

  it('a value with a line feed is refused with an error, never written', () => {
    const withValue = (key: string, value: ConfigValue): ConfigSection => ({
      ...kitchenSection,
      values: { ...kitchenSection.values, [key]: value },
    });
    const keys = ['hostname', 'arch', 'tty', 'entrypoint', 'cpuunits'];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.string(), fc.string(), (key, before, after) => {
        const result = planLxcConfig(withValue(key, `${before}x\n${after}`), kitchenFacts.right, {
          vmid: 101,
          random: drand48(1),
        });
        expect(E.isLeft(result)).toBe(true);
        if (E.isLeft(result)) {
          const codes = result.left.map((d) => d.code);
          // The refusal, or a Proxmox error that stops the plan first (e.g. an unknown cgroup mode).
          expect(
            codes.includes('LXC_NEWLINE_IN_VALUE') ||
              result.left.some((d) => d.proxmoxText !== undefined),
          ).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
    const raw: ConfigSection = {
      ...kitchenSection,
      lxc: [
        ...kitchenSection.lxc,
        ['lxc.mount.entry', '/a b none bind 0 0\nlxc.apparmor.profile = unconfined'],
      ],
    };
    const refused = planLxcConfig(raw, kitchenFacts.right, { vmid: 101, random: drand48(1) });
    expect(E.isLeft(refused) && refused.left.map((d) => d.code)).toEqual([
      'LXC_APPARMOR_PROFILE_OVERRIDES',
      'LXC_NEWLINE_IN_VALUE',
    ]);
    const env: ConfigSection = { ...kitchenSection, env: 'A=1\0B=2\n3' };
    const r2 = planLxcConfig(env, kitchenFacts.right, { vmid: 101, random: drand48(1) });
    expect(E.isLeft(r2) && r2.left[r2.left.length - 1]).toMatchObject({
      code: 'LXC_NEWLINE_IN_VALUE',
      path: 'env',
    });
  });

  it('an empty section fails with missing arch, a template writes nothing', () => {
    const empty = planLxcConfig(emptySection(), kitchenFacts.right, {
      vmid: 1,
      random: drand48(0),
    });
    expect(E.isLeft(empty) && empty.left[0]?.code).toBe('LXC_MISSING_ARCH');
    const template = planLxcConfig(
      { ...emptySection(), values: { template: 1 } },
      kitchenFacts.right,
      { vmid: 1, random: drand48(0) },
    );
    expect(E.isRight(template) && template.right.files).toBeNull();
  });
});

describe('the stale device check quirk', () => {
  const c = loadLxcConfigCases().find((x) => x.name === 'dev-priv-first-start-ct-dir-missing');
  const facts = decodeHostFacts(c?.factsJson);
  if (c === undefined || E.isLeft(facts)) throw new Error('missing case');
  const section = readConfig(c.config).config.main;

  it('is reproduced by default and can be turned off', () => {
    const quirky = planLxcConfig(section, facts.right, { vmid: 100, random: drand48(1) });
    expect(E.isLeft(quirky) && quirky.left[0]?.proxmoxText).toBe(
      'Device /dev/net/tun does not exist\n',
    );
    const plain = planLxcConfig(section, facts.right, {
      vmid: 100,
      random: drand48(1),
      quirks: { staleDeviceCheck: false },
    });
    expect(E.isRight(plain) && plain.right.files?.config).toContain(
      'lxc.cgroup2.devices.allow = c 10:200 rw\n',
    );
    // With the device really missing it is an error either way.
    const gone = { ...facts.right, devices: {} };
    const missing = planLxcConfig(section, gone, {
      vmid: 100,
      random: drand48(1),
      quirks: { staleDeviceCheck: false },
    });
    expect(E.isLeft(missing) && missing.left[0]?.code).toBe('LXC_DEVICE_MISSING');
  });
});
