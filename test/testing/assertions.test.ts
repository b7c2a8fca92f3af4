import assert from 'node:assert/strict';
import { describe, expect, it } from 'vitest';
import { assertCanonical, assertLosslessRoundTrip, RoundTripAssertionError } from '../../src/testing/index.js';

function caught(f: () => void): RoundTripAssertionError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RoundTripAssertionError);
    return e as RoundTripAssertionError;
  }
  throw new Error('expected the assertion to fail');
}

describe('assertCanonical', () => {
  it('passes for what the writer stores', () => {
    assertCanonical('');
    assertCanonical('# web\narch: amd64\nhostname: ct1\nonboot: 1\n');
    assertCanonical('hostname: ct1\n\n[pve:pending]\ncores: 2\ndelete: swap\n\n[snap1]\nhostname: old\nsnaptime: 1700000000\n');
  });

  it('fails with a unified diff of what Proxmox would rewrite', () => {
    const e = caught(() => assertCanonical('onboot: yes\nhostname: ct1\n'));
    expect(e.name).toBe('AssertionError');
    expect(e.code).toBe('ERR_ASSERTION');
    expect(e.expected).toBe('onboot: yes\nhostname: ct1\n');
    expect(e.actual).toBe('hostname: ct1\nonboot: 1\n');
    expect(e.message).toBe(
      [
        'text is not canonical: writeConfig(readConfig(text).config) differs from text',
        '',
        '--- input',
        '+++ canonical',
        '@@ -1,2 +1,2 @@',
        '-onboot: yes',
        ' hostname: ct1',
        '+onboot: 1',
        '',
        'expected: "onboot: yes\\nhostname: ct1\\n"',
        'actual:   "hostname: ct1\\nonboot: 1\\n"',
      ].join('\n'),
    );
  });

  it('shows carriage returns and a missing final newline', () => {
    const crlf = caught(() => assertCanonical('hostname: ct1\r\n'));
    expect(crlf.message).toContain('-hostname: ct1␍');
    expect(crlf.message).toContain('+hostname: ct1\n');
    const noEol = caught(() => assertCanonical('hostname: ct1'));
    expect(noEol.message).toContain('\\ No newline at end of file');
  });

  it('leaves the long literal out for big texts', () => {
    const big = 'onboot: yes\n' + '#x\n'.repeat(400);
    const e = caught(() => assertCanonical(big));
    expect(e.message).not.toContain('expected: "');
    expect(e.message.split('\n').length).toBeLessThan(30);
  });
});

describe('assertLosslessRoundTrip', () => {
  it('passes for every kind of text, broken lines included', () => {
    for (const text of ['', '\n', 'a', 'hostname: ct1\r\n[snap]\n\tbogus line\n', '\uFEFF# bom\n', 'x\r', '[pve:pending]']) {
      assertLosslessRoundTrip(text);
    }
  });

  it('is an Error that node:assert and test runners recognise', () => {
    const e = caught(() => assertCanonical('onboot: on\n'));
    assert.ok(e instanceof Error);
    assert.throws(() => assertCanonical('onboot: on\n'), { name: 'AssertionError', code: 'ERR_ASSERTION' });
    expect(e.showDiff).toBe(false);
    expect(e.stack).toContain('AssertionError');
  });
});
