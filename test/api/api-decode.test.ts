import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodeApiConfig, encodeApiParams } from '../../src/api/index.js';
import { decodeConfig } from '../../src/typed/decode-config.js';
import { getConfigVectors, inputText } from './api-vectors.js';

/** `source` records a file's own spelling (`0512`, `yes`): not part of the value. */
function withoutSource(config: object): object {
  const { source: _source, ...rest } = config as { source?: unknown };
  return rest;
}

describe('decodeApiConfig', () => {
  const current = getConfigVectors().filter((v) => v.query.current === 1 && v.data !== undefined);
  it.each(current.map((v) => [v.input, v] as const))(
    'GET data of %s decodes to the file reader’s typed config',
    (_l, v) => {
      const decoded = decodeApiConfig({ data: v.data });
      expect(E.isRight(decoded)).toBe(true);
      if (E.isLeft(decoded)) return;
      expect(withoutSource(decoded.right.config)).toEqual(
        withoutSource(decodeConfig(inputText(v.input)).current),
      );
      expect(decoded.right.digest).toBe((v.data as { digest: string }).digest);
    },
  );

  it('is tolerant: strings or numbers for numeric keys, 1/0/true/false booleans, unknown keys kept', () => {
    const a = decodeApiConfig({
      memory: '512',
      cores: 2,
      cpulimit: 0.5,
      onboot: true,
      console: 'false',
      protection: 0,
      foo: 'bar',
    });
    const b = decodeApiConfig({
      memory: 512,
      cores: '2',
      cpulimit: '0.5',
      onboot: 1,
      console: 0,
      protection: false,
      foo: 'bar',
    });
    expect(E.isRight(a) && E.isRight(b)).toBe(true);
    if (E.isLeft(a) || E.isLeft(b)) return;
    expect(withoutSource(a.right.config)).toEqual(withoutSource(b.right.config));
    expect(a.right.config).toMatchObject({
      memory: 512,
      cores: 2,
      onboot: true,
      console: false,
      unknown: { foo: 'bar' },
    });
    expect(a.right.diagnostics).toEqual([]);
  });

  it('reports what it skips or refuses, and fails on a non-object', () => {
    const r = decodeApiConfig({
      memory: null,
      lxc: 'x',
      cores: 'two',
      net0: 'name=eth0,hwaddr=01:00:00:00:00:01',
    });
    if (E.isLeft(r)) throw new Error('unexpected');
    expect(r.right.diagnostics.map((d) => `${d.code} ${d.path ?? ''}`).sort()).toEqual([
      'API_JSON_VALUE_INVALID lxc',
      'API_JSON_VALUE_INVALID memory',
      'API_JSON_VALUE_REFUSED cores',
      'API_JSON_VALUE_REFUSED net0',
    ]);
    expect(r.right.diagnostics[0]?.code).toBe('API_JSON_VALUE_INVALID');
    expect(r.right.config.invalid).toEqual({
      cores: 'two',
      net0: 'name=eth0,hwaddr=01:00:00:00:00:01',
    });
    const api = decodeApiConfig({ cores: 0 }, { level: 'api' });
    expect(E.isRight(api) && api.right.diagnostics.map((d) => d.code)).toEqual([
      'API_JSON_VALUE_REFUSED',
    ]);
    const bad = decodeApiConfig([1, 2]);
    expect(E.isLeft(bad) && bad.left[0].code).toBe('API_JSON_INVALID');
  });
});

describe('encodeApiParams', () => {
  it('prints form parameters: booleans 1/0, cpulimit as given, property strings canonical, env joined by NUL', () => {
    const decoded = decodeApiConfig({
      onboot: true,
      cpulimit: '0.5',
      memory: 512,
      net0: 'bridge=vmbr0,name=eth0,ip=dhcp',
      env: 'A=1\u0000B=2',
      description: 'hi\n',
      foo: 'bar',
      lxc: [['lxc.apparmor.profile', 'unconfined']],
    });
    if (E.isLeft(decoded)) throw new Error('unexpected');
    expect(encodeApiParams(decoded.right.config)).toEqual({
      cpulimit: '0.5',
      memory: '512',
      net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
      onboot: '1',
      description: 'hi\n',
      env: 'A=1\u0000B=2',
    });
  });
});
