import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { pctConfigText, proxmoxErrorText } from '../../src/api/index.js';
import { pctConfigVectors } from './api-vectors.js';

describe('pct config vectors', () => {
  const vectors = pctConfigVectors();
  it('has every vector', () => {
    expect(vectors.length).toBe(260);
    expect(vectors.filter((v) => v.stderr !== undefined).length).toBe(104);
  });
  it.each(vectors.map((v) => [`${v.group}/${v.name}${v.current ? ' --current' : ''}`, v] as const))(
    '%s',
    (_label, v) => {
      const result = pctConfigText(v.input, v.current ? { current: true } : {}, { vmid: v.vmid });
      if (v.stderr !== undefined) {
        expect(v.stdout).toBe('');
        expect(E.isLeft(result)).toBe(true);
        if (E.isLeft(result)) {
          expect(proxmoxErrorText(result.left)).toBe(v.stderr);
          expect(result.left.every((d) => d.code === 'API_RESULT_INVALID')).toBe(true);
        }
      } else {
        expect(result).toEqual(E.right(v.stdout));
      }
    },
  );
});
