import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, printDocument, documentLines } from '../../src/config/document.js';
import { classifyLine } from '../../src/config/line-classifier.js';
import { parseLineWithGrammar } from '../../src/config/line-grammar.js';
import { corpusConfigs, pveTestConfigs } from '../support/config-files.js';
import { configText } from '../../src/testing/arbitraries.js';

describe('lossless round trip on real files', () => {
  const corpus = corpusConfigs();
  const pve = pveTestConfigs();

  it('finds the 78 corpus configs and the 33 + 84 Proxmox test configs', () => {
    expect(corpus).toHaveLength(78);
    expect(pve).toHaveLength(33 + 84);
  });

  it.each([...corpus, ...pve].map((f) => [f.label, f] as const))('%s prints back byte for byte', (_l, f) => {
    expect(printDocument(parseDocument(f.text))).toBe(f.text);
  });
});

describe('lossless round trip on edge cases', () => {
  const cases: Record<string, string> = {
    empty: '',
    'only newline': '\n',
    'no final newline': 'memory: 512',
    crlf: 'memory: 512\r\nswap: 0\r\n',
    tabs: 'memory:\t512\t\n',
    'trailing spaces': 'hostname: foo   \n  \n',
    utf8: '#ä € 😀\nhostname: ä\n',
    invalid: '  memory: 5\nHostname: x\n[bad name]\n',
    'lone surrogate': 'description: \ud800x\n',
    'many blank lines': '\n\n\n',
  };
  it.each(Object.entries(cases))('%s', (_n, text) => {
    expect(printDocument(parseDocument(text))).toBe(text);
  });
});

describe('line classification', () => {
  it('follows the rule order of spec §1.2', () => {
    const kinds = (lines: string[]): string[] => lines.map((l) => classifyLine(l).kind);
    expect(
      kinds([
        '',
        ' \t\r',
        '[PVE:Pending] ',
        '[snap-1]',
        '[x]',
        '#comment',
        '  # indented comment',
        'lxc.cap.drop = sys_admin',
        'lxc.apparmor.raw:',
        'lxc.Foo: 1',
        'description: hi',
        'description: ',
        'foo bar snapstate: prepare',
        'snapstate: foo',
        'delete: swap',
        'net0: name=eth0',
        'hostname : x',
        'memory:',
      ]),
    ).toEqual([
      'blank',
      'blank',
      'section',
      'section',
      'invalid',
      'comment',
      'invalid',
      'lxc',
      'lxc',
      'invalid',
      'description',
      'property',
      'snapstate',
      'property',
      'delete',
      'property',
      'invalid',
      'invalid',
    ]);
  });

  it('keeps values trimmed like Perl and positions their columns', () => {
    expect(classifyLine('hostname:foo  ')).toEqual({ kind: 'property', key: 'hostname', value: 'foo', valueColumn: 10 });
    expect(classifyLine('description: ')).toEqual({ kind: 'property', key: 'description', value: ' ', valueColumn: 13 });
    expect(classifyLine('memory: 512\r')).toEqual({ kind: 'property', key: 'memory', value: '512', valueColumn: 9 });
    expect(classifyLine('lxc.apparmor.raw: ')).toEqual({ kind: 'lxc', key: 'lxc.apparmor.raw', separator: ':', value: '', valueColumn: 19 });
    expect(classifyLine('lxc.a.b  =  c d ')).toEqual({ kind: 'lxc', key: 'lxc.a.b', separator: '=', value: 'c d', valueColumn: 13 });
    expect(classifyLine('#c1\r')).toEqual({ kind: 'comment', text: 'c1\r' });
  });

  it('uses Perl whitespace only (no Unicode spaces)', () => {
    expect(classifyLine('hostname:\u00a0foo').kind).toBe('property');
    expect(classifyLine('hostname:\u00a0foo')).toMatchObject({ value: '\u00a0foo' });
    expect(classifyLine('\u00a0').kind).toBe('invalid');
  });

  it('agrees with the parsimmon grammar on every real line', () => {
    for (const f of [...corpusConfigs(), ...pveTestConfigs()]) {
      for (const line of documentLines(parseDocument(f.text))) {
        expect(parseLineWithGrammar(line.raw), `${f.label}:${line.line}`).toEqual(classifyLine(line.raw));
      }
    }
  });

  it('agrees with the parsimmon grammar on generated lines', () => {
    const lineChar = fc.constantFrom(...'ab:=#[]. \t\r\u00a0lxc_-0159/é'.split(''));
    const line = fc.oneof(
      fc.array(lineChar, { maxLength: 24 }).map((cs) => cs.join('')),
      fc.string({ maxLength: 30 }).filter((s) => !s.includes('\n')),
      fc.tuple(fc.constantFrom('lxc.a', 'description', 'delete', 'memory', 'net0', 'x snapstate', '[s1'), fc.constantFrom(':', ' =', '=', ': ', '] '), fc.string({ maxLength: 8 }).filter((s) => !s.includes('\n'))).map((p) => p.join('')),
    );
    const fragments = fc
      .array(fc.constantFrom('lxc.', 'description:', 'delete:', 'snapstate:', 'prepare', 'delete', 'memory:', '[pve:pending]', '[s1]', ' ', '\t', '=', ':', 'x', '#'), { maxLength: 6 })
      .map((c) => c.join(''));
    fc.assert(fc.property(fc.oneof(line, fragments), (raw) => {
      expect(parseLineWithGrammar(raw)).toEqual(classifyLine(raw));
    }), { numRuns: 20000 });
  });
});

describe('lossless round trip, properties', () => {
  it('holds for arbitrary strings and never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => printDocument(parseDocument(s)) === s), { numRuns: 5000 });
  });

  it('holds for generated config files', () => {
    fc.assert(fc.property(configText(), (s) => printDocument(parseDocument(s)) === s), { numRuns: 5000 });
  });
});
