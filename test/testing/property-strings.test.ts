import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/reader.js';
import { propertyStringFormats } from '../../src/schema/formats/index.js';
import { parseDevice, parseVolume, printDevice, printVolume } from '../../src/schema/formats/index.js';
import { printPropertyString } from '../../src/schema/print-property-string.js';
import { parsePropertyString } from '../../src/schema/property-string.js';
import { parseStartup } from '../../src/schema/startup.js';
import {
  ipv4Address,
  ipv6Address,
  macAddress,
  propertyStringArbitraries,
  volumeId,
} from '../../src/testing/index.js';
import { verifyIpv4, verifyIpv6 } from '../../src/schema/ip-address.js';
import { verifyMacAddress, verifyVolumeId } from '../../src/schema/simple-formats.js';

const formats = ['net', 'rootfs', 'mp', 'features', 'dev', 'unused'] as const;
/** A config key for each format, to check the reader accepts the value in a file too. */
const keyOf = { net: 'net0', rootfs: 'rootfs', mp: 'mp0', features: 'features', dev: 'dev0', unused: 'unused0', startup: 'startup' } as const;

/** Proxmox's own canonical printer for each format (volumes and devices have wrappers). */
function reprint(format: (typeof formats)[number], text: string): string {
  const get = <T>(e: E.Either<{ message: string }, T>): T => {
    if (E.isLeft(e)) throw new Error(e.left.message);
    return e.right;
  };
  if (format === 'rootfs' || format === 'mp' || format === 'unused') return get(printVolume(keyOf[format], get(parseVolume(keyOf[format], text))));
  if (format === 'dev') return get(printDevice(get(parseDevice(text))));
  return get(printPropertyString(propertyStringFormats[format], get(parsePropertyString(propertyStringFormats[format], text))));
}

describe.each(formats)('%s property strings', (format) => {
  const arbitrary = propertyStringArbitraries[format];

  it('canonical ones are what Proxmox prints for them', () => {
    fc.assert(fc.property(arbitrary(), (text) => {
      expect(reprint(format, text)).toBe(text);
    }), { numRuns: 300 });
  });

  it('any-spelling ones parse, and print to a canonical one with the same meaning', () => {
    fc.assert(
      fc.property(arbitrary({ canonical: false }), (text) => {
        expect(E.isRight(parsePropertyString(propertyStringFormats[format], text))).toBe(true);
        const canonical = reprint(format, text);
        expect(reprint(format, canonical)).toBe(canonical);
      }),
      { numRuns: 300 },
    );
  });

  it('the config reader accepts them as values', () => {
    fc.assert(
      fc.property(arbitrary({ canonical: false }), (text) => {
        expect(readConfig(`${keyOf[format]}: ${text}\n`).diagnostics).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('spreads over the keys of the format', () => {
    const seen = new Set<string>();
    for (const text of fc.sample(arbitrary({ canonical: false }), { numRuns: 300, seed: 1 })) {
      const parsed = parsePropertyString(propertyStringFormats[format], text);
      if (E.isRight(parsed)) for (const k of Object.keys(parsed.right)) seen.add(k);
    }
    const all = Object.keys(propertyStringFormats[format]);
    expect([...seen].sort()).toEqual(all.sort());
  });
});

describe('startup values', () => {
  it('parse, in canonical and any order', () => {
    for (const options of [{}, { canonical: false }]) {
      fc.assert(fc.property(propertyStringArbitraries.startup(options), (text) => E.isRight(parseStartup(text))));
    }
  });
  it('canonical ones list order, up, down in that order', () => {
    fc.assert(fc.property(propertyStringArbitraries.startup(), (text) => /^(order=\d+)?(,?up=\d+)?(,?down=\d+)?$/.test(text)));
  });
});

describe('building blocks', () => {
  it('make valid addresses and volume ids', () => {
    fc.assert(fc.property(macAddress(), (mac) => E.isRight(verifyMacAddress(mac))));
    fc.assert(fc.property(ipv4Address(), (ip) => E.isRight(verifyIpv4(ip))));
    fc.assert(fc.property(ipv6Address(), (ip) => E.isRight(verifyIpv6(ip))));
    fc.assert(fc.property(volumeId(), (id) => E.isRight(verifyVolumeId(id))));
  });
});
