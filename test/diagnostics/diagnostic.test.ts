/**
 * The one rule that turns Proxmox's text into a diagnostic's one-line `message`, and the builder
 * that applies it while keeping the text itself byte for byte.
 */
import { describe, expect, it } from 'vitest';
import {
  keyedProxmoxFailure,
  messageOfProxmoxText,
  proxmoxDiagnostic,
  proxmoxTextOf,
} from '../../src/diagnostics/diagnostic.js';

describe('messageOfProxmoxText', () => {
  it('drops the trailing newline', () => {
    expect(messageOfProxmoxText('CT is locked (backup)\n')).toBe('CT is locked (backup)');
  });

  it('drops several trailing newlines and trailing blanks', () => {
    expect(messageOfProxmoxText('snapshot create failed\n\n\n')).toBe('snapshot create failed');
    expect(messageOfProxmoxText('got unexpected ostype (debian != alpine)  \t\n')).toBe(
      'got unexpected ostype (debian != alpine)',
    );
  });

  it('turns each inner run of line breaks into one space', () => {
    expect(messageOfProxmoxText('format error\nhwaddr: invalid format - x\n\n')).toBe(
      'format error hwaddr: invalid format - x',
    );
    expect(messageOfProxmoxText('a\n\nb\r\nc')).toBe('a b c');
  });

  it('keeps inner spaces and tabs as they are', () => {
    expect(messageOfProxmoxText('a  \tb\n')).toBe('a  \tb');
    expect(messageOfProxmoxText('a \n b')).toBe('a   b');
  });

  it('drops leading whitespace', () => {
    expect(messageOfProxmoxText('  \n\tunable to parse volume ID\n')).toBe(
      'unable to parse volume ID',
    );
  });

  it('gives the empty message for empty or blank text', () => {
    expect(messageOfProxmoxText('')).toBe('');
    expect(messageOfProxmoxText('\n \n')).toBe('');
  });

  it('leaves a one-line text without surrounding whitespace unchanged', () => {
    const text = "unable to parse value of 'cores' - type check ('integer') failed - got 'x'";
    expect(messageOfProxmoxText(text)).toBe(text);
  });
});

describe('proxmoxDiagnostic', () => {
  it('keeps the text byte for byte and derives the message by the rule', () => {
    const text = 'format error\nsize: invalid format\n\n';
    const d = proxmoxDiagnostic('error', 'SOME_CODE', text, { path: 'mp0', line: 3 });
    expect(d).toEqual({
      code: 'SOME_CODE',
      severity: 'error',
      message: 'format error size: invalid format',
      path: 'mp0',
      line: 3,
      proxmoxText: text,
    });
    expect(proxmoxTextOf([d])).toBe(text);
  });

  it('takes no location by default', () => {
    expect(proxmoxDiagnostic('warning', 'W', 'careful\n')).toEqual({
      code: 'W',
      severity: 'warning',
      message: 'careful',
      proxmoxText: 'careful\n',
    });
  });
});

describe('keyedProxmoxFailure', () => {
  it("one error per key in bytewise order, the title on the first; joined, Proxmox's message", () => {
    const failure = keyedProxmoxFailure('400 Parameter verification failed.\n', {
      memory: { code: 'A', reason: 'value must have a minimum value of 16' },
      cores: { code: 'B', reason: "type check ('integer') failed - got 'x'" },
    });
    expect(failure.map((d) => [d.code, d.path, d.message])).toEqual([
      ['B', 'cores', "cores: type check ('integer') failed - got 'x'"],
      ['A', 'memory', 'memory: value must have a minimum value of 16'],
    ]);
    expect(proxmoxTextOf(failure)).toBe(
      "400 Parameter verification failed.\ncores: type check ('integer') failed - got 'x'\n" +
        'memory: value must have a minimum value of 16\n',
    );
    expect(failure.every((d) => d.severity === 'error')).toBe(true);
  });

  it('keeps a multi-line reason in the text and puts it on one line in the message', () => {
    const [d] = keyedProxmoxFailure('T\n', {
      net0: { code: 'C', reason: 'format error\nhwaddr: bad' },
    });
    expect(d?.message).toBe('net0: format error hwaddr: bad');
    expect(d?.proxmoxText).toBe('T\nnet0: format error\nhwaddr: bad\n');
  });

  it('is empty for no keys', () => {
    expect(keyedProxmoxFailure('T\n', {})).toEqual([]);
  });
});
