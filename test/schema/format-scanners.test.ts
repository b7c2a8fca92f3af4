/**
 * The hand-written format scanners must accept exactly what their regexes accept (the regexes are
 * the formats' definitions, restated here from the same sources).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  scanDiskSize,
  scanDnsName,
  scanIpv4,
  scanIpv4Config,
  scanMacAddress,
} from '../../src/schema/format-scanners.js';
import { IPV4_SOURCE } from '../../src/schema/ip-address.js';
import { compileFormat } from '../../src/schema/compiled-format.js';
import { patternRegExp } from '../../src/schema/check-property.js';
import { featuresFormat } from '../../src/schema/formats/features.js';
import { netFormat } from '../../src/schema/formats/net.js';

const END = '\\n?$';
const DNS_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const IPV4_RE = new RegExp(`^${IPV4_SOURCE}${END}`);
const CIDR4_RE = new RegExp(`^${IPV4_SOURCE}/([0-9]+)${END}`);
const IPV4_KEYWORD_RE = new RegExp(`^(?:dhcp|manual)${END}`);
const MAC_RE = new RegExp(`^[0-9a-f][02468ace](?::[0-9a-f]{2}){5}${END}`, 'i');
const DNS_NAME_RE = new RegExp(`^(?:${DNS_LABEL}\\.)*${DNS_LABEL}${END}`);
const SIZE_RE = /^([0-9]+(?:\.[0-9]+)?)(?:([KMGT])(?:iB)?)?\n?$/;

function ipv4Config(text: string): boolean {
  if (IPV4_KEYWORD_RE.test(text)) return true;
  const m = CIDR4_RE.exec(text);
  if (m === null) return false;
  const prefix = Number(m[1]);
  return prefix > 7 && prefix <= 32;
}

/** Strings over `alphabet` (plus what a generic string brings), short and long. */
function textOver(alphabet: string): fc.Arbitrary<string> {
  const chars = [...alphabet];
  return fc.oneof(
    fc.array(fc.constantFrom(...chars), { maxLength: 24 }).map((a) => a.join('')),
    fc.string({ maxLength: 24 }),
  );
}

/** Dotted digit runs, sometimes with a `/prefix`: near-addresses, where the scanners can go wrong. */
const nearAddress: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.stringMatching(/^[0-9]{1,4}$/), { minLength: 3, maxLength: 5 }),
    fc.option(fc.stringMatching(/^[0-9]{0,3}$/)),
  )
  .map(([parts, prefix]) => parts.join('.') + (prefix === null ? '' : `/${prefix}`));

const cases: Array<[string, (t: string) => boolean, (t: string) => boolean, string, string[]]> = [
  ['ipv4', scanIpv4, (t) => IPV4_RE.test(t), '0123456789.\n25', ['0.0.0.0', '255.255.255.255', '256.1.1.1', '01.2.3.4', '1.2.3.4\n', '1.2.3.4\n\n', '1.2.3', '1.2.3.4.5', '1..2.3', '1000.1.1.1']],
  ['pve-ipv4-config', scanIpv4Config, ipv4Config, '0123456789./\n', ['dhcp', 'manual', 'dhcp\n', 'manual2', '10.0.0.1/8', '10.0.0.1/7', '10.0.0.1/32', '10.0.0.1/33', '10.0.0.1/0024', '10.0.0.1/', '/24', '10.0.0.1/24\n', '10.0.0.1/2a']],
  ['mac-addr', scanMacAddress, (t) => MAC_RE.test(t), '0123456789abcdefABCDEFgG:\n', ['D2:BC:21:00:36:00', 'd2:bc:21:00:36:00', 'D3:BC:21:00:36:00', 'DA:BC:21:00:36:00', 'DB:00:00:00:00:00', 'DE:00:00:00:00:00\n', '00:00:00:00:00', '00:00:00:00:00:000', '0G:00:00:00:00:00']],
  ['dns-name', scanDnsName, (t) => DNS_NAME_RE.test(t), 'aZ09-.\n', ['a', 'a.b', 'a-b.c', '-a', 'a-', 'a..b', '.a', 'a.', 'a\n', 'a\n\n', 'opf-test', '']],
  ['disk-size', scanDiskSize, (t) => SIZE_RE.test(t), '0123456789.KMGTiBX\n', ['30G', '1.5T', '1.', '.5', '4GiB', '4Gi', '4iB', '10', '10\n', '1K\n', 'G']],
];

describe('format scanners agree with their regexes', () => {
  for (const [name, scan, regex, alphabet, examples] of cases) {
    it(`${name}: the examples`, () => {
      for (const text of examples) expect([text, scan(text)]).toEqual([text, regex(text)]);
    });
    if (name === 'ipv4' || name === 'pve-ipv4-config') {
      it(`${name}: near-addresses`, () => {
        fc.assert(
          fc.property(nearAddress, (text) => scan(text) === regex(text)),
          { numRuns: 3000 },
        );
      });
    }
    it(`${name}: random strings`, () => {
      fc.assert(
        fc.property(textOver(alphabet), (text) => scan(text) === regex(text)),
        { numRuns: 3000 },
      );
    });
  }
});

describe('a character-class pattern compiled to a table', () => {
  // `name` and `bridge` of a NIC and `mount` of features are `[class]+` patterns.
  const keys = [
    ...compileFormat(netFormat).keys.filter((k) => k.key === 'name' || k.key === 'bridge'),
    ...compileFormat(featuresFormat).keys.filter((k) => k.key === 'mount'),
  ];
  it('covers the class keys', () => expect(keys.map((k) => k.key)).toEqual(['name', 'bridge', 'mount']));
  for (const k of keys) {
    const re = patternRegExp(k.schema.pattern as string);
    it(`${k.key}: accepts what ^(?:${k.schema.pattern})\\n?$ accepts`, () => {
      for (const text of ['eth0', 'vmbr1', '', '\n', 'a\n', 'a\n\n', 'a b', 'a;b', 'ä', '-_.', 'A-Z'])
        expect([text, k.check(text)]).toEqual([text, re.test(text)]);
      fc.assert(
        fc.property(textOver('aZ09-_.; \n[]^\\/é'), (text) => k.check(text) === re.test(text)),
        { numRuns: 3000 },
      );
    });
  }
});
