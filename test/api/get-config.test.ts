import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { getConfigData, getPendingData, proxmoxErrorText } from '../../src/api/index.js';
import type { ApiConfigData } from '../../src/api/index.js';
import { getConfigVectors, getPendingVectors, inputText } from './api-vectors.js';

/** The JSON of a value with its types: `"0.5"` and `0.5` differ, so do `1` and `"1"`. */
const json = (value: unknown): string => JSON.stringify(value);

describe('GET /config vectors', () => {
  const vectors = getConfigVectors();
  it('has every vector', () => expect(vectors.length).toBe(328));
  it.each(vectors.map((v) => [`${v.input} ${JSON.stringify(v.query)}`, v] as const))(
    '%s',
    (_label, v) => {
      const query = {
        ...(v.query.current !== undefined ? { current: v.query.current === 1 } : {}),
        ...(v.query.snapshot !== undefined ? { snapshot: v.query.snapshot } : {}),
      };
      const result = getConfigData(inputText(v.input), query, { vmid: v.vmid });
      if (v.error !== undefined) {
        expect(E.isLeft(result)).toBe(true);
        if (E.isRight(result)) return;
        if (v.errors !== undefined) {
          expect(result.left.map((d) => [d.path, d.message])).toEqual(
            Object.entries(v.errors)
              .sort()
              .map(([k, m]) => [k, `${k}: ${m}`]),
          );
          expect(proxmoxErrorText(result.left)).toBe(
            `${v.code} ${v.error}` +
              Object.entries(v.errors)
                .sort()
                .map(([k, m]) => `${k}: ${m}\n`)
                .join(''),
          );
        } else expect(proxmoxErrorText(result.left)).toBe(v.error);
        return;
      }
      expect(E.isRight(result)).toBe(true);
      if (E.isLeft(result)) return;
      // Value and type: the JSON texts are equal (keys sorted on both sides).
      expect(json(result.right)).toBe(json(v.data));
    },
  );
});

describe('GET /pending vectors', () => {
  const vectors = getPendingVectors();
  it('has every vector', () => expect(vectors.length).toBe(130));
  it.each(vectors.map((v) => [v.input, v] as const))('%s', (_label, v) => {
    const result = getPendingData(inputText(v.input), { vmid: v.vmid });
    expect(E.isRight(result)).toBe(true);
    if (E.isLeft(result)) return;
    const normalise = (items: readonly unknown[]): string[] =>
      items.map((i) => json(Object.fromEntries(Object.entries(i as object).sort()))).sort();
    expect(normalise(result.right)).toEqual(normalise(v.data as unknown[]));
  });
});

describe('GET /config types', () => {
  const data = (text: string): ApiConfigData => {
    const r = getConfigData(text, {});
    if (E.isLeft(r)) throw new Error('unexpected failure');
    return r.right;
  };
  it('types cpulimit as a string, booleans and integers as numbers', () => {
    const d = data('cpulimit: 0.5\nonboot: yes\nmemory: 0512\n');
    expect(d['cpulimit']).toBe('0.5');
    expect(d['onboot']).toBe(1);
    expect(d['memory']).toBe(512);
  });
  it('keeps unknown keys, with no defaults filled in', () => {
    const d = data('foo: bar\n');
    expect(Object.keys(d)).toEqual(['digest', 'foo']);
  });
  it('rejects an invalid or too long snapshot name', () => {
    const bad = getConfigData('', { snapshot: 'a b' });
    expect(E.isLeft(bad) && bad.left[0].code).toBe('API_PARAMETER_INVALID');
    const long = getConfigData('', { snapshot: 'a'.repeat(41) });
    expect(E.isLeft(long) && long.left[0].message).toBe(
      'snapshot: value may only be 40 characters long',
    );
  });
});

describe('GET /config error codes', () => {
  it('an unknown snapshot is API_SNAPSHOT_NOT_FOUND', () => {
    const r = getConfigData('memory: 512\n', { snapshot: 'nope' });
    expect(E.isLeft(r) && r.left.map((d) => [d.code, d.proxmoxText])).toEqual([
      ['API_SNAPSHOT_NOT_FOUND', "snapshot 'nope' does not exist\n"],
    ]);
  });
});
