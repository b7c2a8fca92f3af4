/**
 * Library edits validate and keep canonical files canonical (issue 12 item 7): `setKey` checks a
 * value as `pct set` does (EDIT_VALUE_REFUSED with the API's text) and inserts a new key where the
 * canonical writer would put it.
 */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/reader.js';
import { writeConfig } from '../../src/config/writer.js';
import {
  appendLxcLine,
  applyEdits,
  deleteKey,
  rewritePreservingFormat,
  setKey,
} from '../../src/ops/edit.js';
import type { EditCode } from '../../src/ops/edit.js';
import { messageOfProxmoxText } from '../../src/diagnostics/diagnostic.js';
import { validConfigText } from '../../src/testing/index.js';

const code = (r: E.Either<readonly { code: EditCode }[], unknown>): EditCode | undefined =>
  E.isLeft(r) ? r.left[0]?.code : undefined;

describe('setKey checks values as pct set does', () => {
  const refused: [string, string, string][] = [
    [
      'hostname',
      'ct1 localhost evil.example',
      'hostname: invalid format - value does not look like a valid DNS name',
    ],
    ['cores', '0', 'cores: value must have a minimum value of 1'],
    ['memory', '8', 'memory: value must have a minimum value of 16'],
    ['onboot', 'maybe', "onboot: type check ('boolean') failed - got 'maybe'"],
    ['net0', 'name=eth0,bridge=vmbr0,ip=10.0.0.1/33', 'net0: invalid format'],
    [
      'bogus',
      '1',
      'bogus: property is not defined in schema and the schema does not allow additional properties',
    ],
  ];
  for (const [key, value, message] of refused)
    it(`${key}: ${value}`, () => {
      const r = setKey('hostname: a\n', '', key, value);
      expect(code(r)).toBe('EDIT_VALUE_REFUSED');
      if (E.isLeft(r)) {
        expect(r.left[0].message.startsWith(message)).toBe(true);
        expect(r.left[0].path).toBe(key);
        // The API's text, byte for byte; the message is its `key: reason` line(s) on one line.
        const head = '400 Parameter verification failed.\n';
        const text = r.left[0].proxmoxText ?? '';
        expect(text.startsWith(`${head}${message}`)).toBe(true);
        expect(text.endsWith('\n')).toBe(true);
        expect(r.left[0].message).toBe(messageOfProxmoxText(text.slice(head.length)));
      }
    });

  it('a property string refused field by field: the text keeps its lines, the message is one line', () => {
    const r = setKey('hostname: a\n', '', 'net0', 'name=eth0,bridge=vmbr0,ip=10.0.0.1/33');
    expect(E.isLeft(r) && [r.left[0].message, r.left[0].proxmoxText]).toStrictEqual([
      'net0: invalid format - format error ip: invalid format - value does not look like a valid ipv4 network configuration',
      '400 Parameter verification failed.\nnet0: invalid format - format error\nip: invalid format - value does not look like a valid ipv4 network configuration\n',
    ]);
  });

  it('accepts what pct set accepts (booleans in any spelling, property strings)', () => {
    expect(E.isRight(setKey('', '', 'onboot', 'yes'))).toBe(true);
    expect(E.isRight(setKey('', '', 'net0', 'name=eth0,bridge=vmbr0,ip=dhcp'))).toBe(true);
    expect(E.isRight(setKey('', 'pve:pending', 'delete', 'swap'))).toBe(true);
  });

  it('every edit code has a case', () => {
    const cases: [EditCode, E.Either<readonly { code: EditCode }[], unknown>][] = [
      ['EDIT_SECTION_NOT_FOUND', setKey('', 'nope', 'cores', '2')],
      ['EDIT_INVALID_KEY', setKey('', '', 'description', 'x')],
      ['EDIT_INVALID_VALUE', setKey('', '', 'hostname', 'x\ny')],
      ['EDIT_VALUE_REFUSED', setKey('', '', 'cores', '0')],
      [
        'EDIT_OVERLAPPING',
        applyEdits('abcdef', [
          { offset: 0, length: 3, content: '' },
          { offset: 2, length: 1, content: '' },
        ]),
      ],
      ['EDIT_OUT_OF_RANGE', applyEdits('abc', [{ offset: 2, length: 5, content: '' }])],
      [
        'EDIT_UNSUPPORTED_CHANGE',
        rewritePreservingFormat('cores: 1\n', {
          ...readConfig('cores: 1\n').config,
          snapshots: { sn: { values: {}, lxc: [] } },
        }),
      ],
    ];
    for (const [c, r] of cases) expect(code(r)).toBe(c);
    expect(code(deleteKey('', 'nope', 'cores'))).toBe('EDIT_SECTION_NOT_FOUND');
    expect(code(appendLxcLine('', 'lxc.bogus', '1'))).toBe('EDIT_INVALID_KEY');
  });
});

describe('a canonical file stays canonical after setKey', () => {
  it('inserts a new key in code-unit order among the key lines, before lxc lines', () => {
    const text = '#desc\narch: amd64\nmemory: 512\nlxc.cap.drop: x\n';
    const at = (key: string, value: string): string => {
      const r = setKey(text, '', key, value);
      if (E.isLeft(r)) throw new Error(r.left[0].message);
      const out = applyEdits(text, r.right);
      if (E.isLeft(out)) throw new Error('apply');
      return out.right;
    };
    expect(at('cores', '2')).toBe('#desc\narch: amd64\ncores: 2\nmemory: 512\nlxc.cap.drop: x\n');
    expect(at('tags', 'a')).toBe('#desc\narch: amd64\nmemory: 512\ntags: a\nlxc.cap.drop: x\n');
    expect(at('arch', 'i386')).toBe('#desc\narch: i386\nmemory: 512\nlxc.cap.drop: x\n');
  });

  it('property: validConfigText({canonical:true}) + a random accepted setKey is still canonical', () => {
    const edit = fc.constantFrom<[string, string]>(
      ['cores', '4'],
      ['memory', '2048'],
      ['swap', '0'],
      ['hostname', 'edited'],
      ['onboot', '1'],
      ['tags', 'a;b'],
      ['cpuunits', '200'],
      ['startup', 'order=2'],
      ['arch', 'arm64'],
      ['nameserver', '192.0.2.1'],
      ['protection', '1'],
      ['timezone', 'UTC'],
      ['unprivileged', '1'],
      ['mp9', 'local:vm-100-disk-9,mp=/srv'],
      ['net7', 'name=eth7,bridge=vmbr0,hwaddr=BC:24:11:00:00:07'],
    );
    const section = fc.constantFrom('', 'pve:pending');
    fc.assert(
      fc.property(
        validConfigText({ canonical: true }),
        edit,
        section,
        (text, [key, value], where) => {
          const r = setKey(text, where, key, value);
          if (E.isLeft(r)) throw new Error(r.left[0].message);
          const out = applyEdits(text, r.right);
          if (E.isLeft(out)) throw new Error(out.left[0].message);
          const written = writeConfig(readConfig(out.right).config);
          expect(E.isRight(written) && written.right).toBe(out.right);
        },
      ),
      { numRuns: 300 },
    );
  });
});
