import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, encodeUtf8 } from '../../src/encoding/utf8.js';
import { fsSnapshot, readFile } from '../../src/os/fs-snapshot.js';
import type { FsSnapshot } from '../../src/os/fs-snapshot.js';
import { drand48 } from '../../src/random/drand48.js';
import { applyPlanToSnapshot } from '../../src/setup/apply-to-snapshot.js';
import {
  bytesToText as decodeLossless,
  textToBytes as encodeLossless,
} from '../../src/encoding/lossless-text.js';
import { editMarkedSection, perlLines } from '../../src/setup/marked-section.js';
import { planSetup } from '../../src/setup/plan-setup.js';
import type { SetupInput } from '../../src/setup/plan-setup.js';

const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('lossless bytes <-> string', () => {
  it('round-trips every byte string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        expect(hex(encodeLossless(decodeLossless(b)))).toBe(hex(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips byte strings made of UTF-8 fragments (truncated and overlong sequences)', () => {
    const piece = fc.constantFrom(
      ...[
        '\xe2\x82',
        '\xe2\x82\xac',
        '\xf0\x9f\x98',
        '\xf0\x9f\x98\x80',
        '\xc0\xaf',
        '\xed\xa0\x80',
        '\xff',
        '\x00',
        '\r',
        '\n',
        'a',
      ].map(bytes),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const b = Uint8Array.from(pieces.flatMap((p) => [...p]));
        expect(hex(encodeLossless(decodeLossless(b)))).toBe(hex(b));
      }),
    );
  });

  it('decodes well-formed UTF-8 as the UTF-8 decoder does, and encodes text as UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        const b = encodeUtf8(s);
        expect(decodeLossless(b)).toBe(decodeUtf8(b));
        expect(hex(encodeLossless(s))).toBe(hex(b));
      }),
    );
  });

  it('handles long inputs across chunk boundaries', () => {
    const b = new Uint8Array(70000).map((_, i) =>
      i % 9000 === 8191 ? 0xff : i % 3 === 0 ? 0xc3 : 0xa9,
    );
    expect(hex(encodeLossless(decodeLossless(b)))).toBe(hex(b));
  });

  it('decodes a pair or an escaped byte on the piece boundary of the decoder (8192 units) as anywhere', () => {
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    for (let k = 8180; k <= 8200; k++) {
      const at = (tail: number[]): Uint8Array =>
        Uint8Array.from([...Array(k).fill(0x61), ...tail, 0x62]);
      // Valid UTF-8 (a 4-byte sequence: two code units), twice so the second lands elsewhere.
      const pair = at([0xf0, 0x9f, 0x98, 0x80, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
      expect(decodeLossless(pair)).toBe(utf8.decode(pair));
      // An invalid byte, then a truncated sequence (each of its bytes escaped on its own).
      const bad = at([0xff, 0xe2, 0x82, 0x41]);
      expect(decodeLossless(bad)).toBe('a'.repeat(k) + '\udcff\udce2\udc82Ab');
    }
  });
});

/** The line-array implementation editMarkedSection had before (the oracle of the offset one). */
function editByLines(existing: string, rawData: string): string | undefined {
  const hasData = rawData !== '' && rawData !== '0';
  const data = hasData && !rawData.endsWith('\n') ? rawData + '\n' : rawData;
  const lines = perlLines(existing);
  let beg: number | undefined;
  let end: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (beg === undefined) {
      if (/^#\s*---\s*BEGIN\s*PVE\s*/.test(line)) beg = i;
    } else if (/^#\s*---\s*END\s*PVE\s*/i.test(line)) {
      end = i;
      break;
    }
  }
  if (beg !== undefined && end !== undefined) {
    if (hasData)
      return (
        [
          ...lines.slice(0, beg),
          `# --- BEGIN PVE ---\n${data}# --- END PVE ---`,
          ...lines.slice(end + 1),
        ].join('\n') + '\n'
      );
    if (beg === 0 && end === lines.length - 1) return undefined;
    return (
      [
        ...lines.slice(0, beg),
        '# --- BEGIN PVE ---\n# --- END PVE ---\n',
        ...lines.slice(end + 1),
      ].join('\n') + '\n'
    );
  }
  if (!hasData) return undefined;
  return lines.join('\n') + '\n' + `# --- BEGIN PVE ---\n${data}# --- END PVE ---\n`;
}

describe('editMarkedSection (offset scan) equals the line-array edit', () => {
  it('on random files of section markers, blank lines, CR and other lines', () => {
    const line = fc.constantFrom(
      '# --- BEGIN PVE ---',
      '# --- END PVE ---',
      '#---begin pve',
      '# --- end pve',
      '',
      '\r',
      'a b',
      '#x',
      '\x00',
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 12 }),
        fc.boolean(),
        fc.constantFrom('', 'x y', 'z\n', '0'),
        (ls, finalLf, data) => {
          const existing = ls.join('\n') + (finalLf ? '\n' : '');
          const r = editMarkedSection(existing, data);
          expect(r.kind === 'write' ? r.content : undefined).toBe(editByLines(existing, data));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

/** Plans a Debian 12 post-create setup of `snapshot` and applies it to the snapshot. */
function postCreate(snapshot: FsSnapshot, hostDns: SetupInput['hostDns']): FsSnapshot {
  const planned = planSetup({
    snapshot,
    config: { values: { hostname: 'ct1' }, lxc: [] },
    os: { type: 'debian', version: '12.5' },
    hook: 'post-create',
    now: 1732838400,
    random: drand48(0),
    uuid: () => '00000000-0000-0000-0000-000000000000',
    hostDns,
  });
  if (E.isLeft(planned)) throw new Error(planned.left[0].message);
  const after = applyPlanToSnapshot(snapshot, planned.right.operations);
  if (E.isLeft(after)) throw new Error(after.left[0].message);
  return after.right;
}

describe('setup rewrites container files byte-exactly (issue 12 item 2)', () => {
  // Bytes a file may hold that are not clean UTF-8 text: invalid UTF-8, NUL, CR, no final newline.
  const CASES: [string, string][] = [
    ['invalid UTF-8 in a comment', '# caf\xe9 \xff\xfe\n127.0.0.1 localhost\n'],
    ['NUL and CR', '127.0.0.1\x00 localhost\r\n::1 ip6-localhost\r\n'],
    ['truncated UTF-8 sequence at the end', '# \xe2\x82\n'],
    ['valid UTF-8 kept as is', '# caf\xc3\xa9 \xe2\x82\xac\n'],
  ];
  for (const [name, content] of CASES) {
    it(`/etc/hosts: ${name}`, () => {
      const original = bytes(content);
      const snapshot = fsSnapshot({
        '/etc/debian_version': '12.5\n',
        '/etc/hosts': original,
        '/root': { dir: true },
      });
      const hosts = readFile(
        postCreate(snapshot, { nameservers: ['192.0.2.53'], searchdomains: ['example.org'] }),
        '/etc/hosts',
      );
      if (E.isLeft(hosts)) throw new Error('no hosts');
      // Everything before the PVE section is the original bytes.
      expect(hex(hosts.right.subarray(0, original.length))).toBe(hex(original));
      expect(Buffer.from(hosts.right.subarray(original.length)).toString('latin1')).toMatch(
        /^# --- BEGIN PVE ---\n/,
      );
    });
  }

  it('/etc/crontab: invalid UTF-8, NUL and CR survive the minute randomisation', () => {
    const original = bytes(
      '# \xff\xfe\r\nSHELL=/bin/sh\x00\n17 * * * * root cd / && run-parts \xe9\n',
    );
    const snapshot = fsSnapshot({
      '/etc/debian_version': '12.5\n',
      '/etc/crontab': original,
      '/root': { dir: true },
    });
    const cron = readFile(
      postCreate(snapshot, { nameservers: [], searchdomains: [] }),
      '/etc/crontab',
    );
    if (E.isLeft(cron)) throw new Error('no crontab');
    const text = Buffer.from(cron.right).toString('latin1');
    expect(text.startsWith('# \xff\xfe\r\nSHELL=/bin/sh\x00\n')).toBe(true);
    expect(text).toMatch(/^\d+ \* \* \* \* root cd \/ && run-parts \xe9\n$/m);
  });
});
