// The lossless round trip never fails on the real printer, and a config read from text can always be
// written, so this file breaks the printer and the writer (module mocks, file-local) to show what
// those failures look like.
import { describe, expect, it, vi } from 'vitest';
import type * as DocumentModule from '../../src/config/document.js';
import type * as WriterModule from '../../src/config/writer.js';

vi.mock('../../src/config/document.js', async (importOriginal) => {
  const real = await importOriginal<typeof DocumentModule>();
  return { ...real, printDocument: (doc: Parameters<typeof real.printDocument>[0]) => real.printDocument(doc).replace(/\r\n/g, '\n') };
});

vi.mock('../../src/config/writer.js', async (importOriginal) => {
  const real = await importOriginal<typeof WriterModule>();
  return {
    ...real,
    writeConfig: (config: Parameters<typeof real.writeConfig>[0]) =>
      config.main.values['hostname'] === 'unwritable'
        ? { _tag: 'Left', left: [{ code: 'NEWLINE_IN_VALUE', severity: 'error', path: 'hostname', message: "detected invalid newline inside property 'hostname'" }] }
        : real.writeConfig(config),
  };
});

const { assertCanonical, assertLosslessRoundTrip, RoundTripAssertionError } = await import('../../src/testing/index.js');

describe('assertLosslessRoundTrip on a broken printer', () => {
  it('fails with a diff that shows the lost carriage return', () => {
    let error: unknown;
    try {
      assertLosslessRoundTrip('hostname: ct1\r\nonboot: 1\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RoundTripAssertionError);
    expect((error as Error).message).toBe(
      [
        'lossless round trip failed: printDocument(parseDocument(text)) differs from text',
        '',
        '--- input',
        '+++ printed',
        '@@ -1,2 +1,2 @@',
        '-hostname: ct1␍',
        '+hostname: ct1',
        ' onboot: 1',
        '',
        'expected: "hostname: ct1\\r\\nonboot: 1\\n"',
        'actual:   "hostname: ct1\\nonboot: 1\\n"',
      ].join('\n'),
    );
  });
});

describe('assertCanonical when the writer refuses the config', () => {
  it('names the write error', () => {
    expect(() => assertCanonical('hostname: unwritable\n')).toThrow(
      new RoundTripAssertionError(
        'canonical round trip failed: writeConfig rejected the config read from text: detected invalid newline inside property \'hostname\' (NEWLINE_IN_VALUE at "hostname")',
        '',
        'hostname: unwritable\n',
      ),
    );
  });
});
