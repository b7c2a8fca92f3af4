/**
 * The reader hands the typed layer what it parsed of each accepted property string explicitly
 * (`ReadResult.parsedFields`, by section object). A value changed after reading must be decoded
 * from its new text, never from the reader's stale fields.
 */
import { describe, expect, it } from 'vitest';
import type { ConfigValue } from '../../src/config/model.js';
import { readConfig } from '../../src/config/reader.js';
import { decodeConfig } from '../../src/typed/decode-config.js';

const TEXT =
  'arch: amd64\nnet0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01\nmemory: 512\n\n[snap1]\nnet0: name=eth0,bridge=vmbr0\n';

describe('parsed fields handoff', () => {
  it('the reader hands over the accepted property strings of the sections it returned', () => {
    const result = readConfig(TEXT);
    const main = result.parsedFields.get(result.config.main);
    expect(main?.get('net0')?.text).toBe('name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01');
    expect(result.parsedFields.get(result.config.snapshots['snap1']!)?.get('net0')?.text).toBe(
      'name=eth0,bridge=vmbr0',
    );
    expect(result.parsedFields.get(result.config.pending)).toBeUndefined();
    expect(decodeConfig(result)).toEqual(decodeConfig(TEXT));
  });

  it('a section mutated after reading is decoded from its new text, not the stale fields', () => {
    const result = readConfig(TEXT);
    const values = result.config.main.values as Record<string, ConfigValue>;
    values['net0'] = 'name=eth1,bridge=vmbr1,hwaddr=BC:24:11:00:00:02';
    const decoded = decodeConfig(result);
    expect(decoded.current).toMatchObject({
      net: { 0: { name: 'eth1', bridge: 'vmbr1', hwaddr: 'BC:24:11:00:00:02' } },
    });
    // the same as decoding the mutated text from scratch
    const fresh = decodeConfig(
      TEXT.replace('name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01', values['net0']),
    );
    expect(decoded.current).toEqual(fresh.current);
  });

  it('a section replaced after reading (a spread, an operation) has no table and is parsed afresh', () => {
    const result = readConfig(TEXT);
    const main = {
      ...result.config.main,
      values: { ...result.config.main.values, net0: 'name=eth2,bridge=vmbr2' },
    };
    const decoded = decodeConfig({ ...result, config: { ...result.config, main } });
    expect(result.parsedFields.get(main)).toBeUndefined();
    expect(decoded.current).toMatchObject({ net: { 0: { name: 'eth2', bridge: 'vmbr2' } } });
  });
});
