import { describe, expect, it } from 'vitest';
import { drand48 } from '../../src/random/drand48.js';
import { NIL_UUID, nilUuidSource, uuidV4Source } from '../../src/random/uuid.js';

describe('UUID sources', () => {
  it('the nil source always yields the all-zero UUID (upstream test mock)', () => {
    expect(nilUuidSource.next()).toBe('00000000-0000-0000-0000-000000000000');
    expect(nilUuidSource.next()).toBe(NIL_UUID);
  });

  it('the v4 source yields well-formed, distinct version-4 UUIDs', () => {
    const src = uuidV4Source(drand48(0));
    const a = src.next();
    const b = src.next();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
    // Deterministic for a deterministic random source.
    expect(uuidV4Source(drand48(0)).next()).toBe(a);
  });
});
