/** Decoding host facts: exact fields, test metadata ignored, every problem with its field path. */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodeHostFacts } from '../../src/start/host-facts.js';
import { loadLxcConfigCases } from './lxc-vectors.js';

const base = loadLxcConfigCases()[0]?.factsJson as Record<string, unknown>;

function problems(
  data: unknown,
): Array<{ code: string; path: string | undefined; message: string }> {
  const r = decodeHostFacts(data);
  return E.isLeft(r) ? r.left.map((d) => ({ code: d.code, path: d.path, message: d.message })) : [];
}

describe('decodeHostFacts', () => {
  it('decodes every vector and keeps only the facts', () => {
    for (const c of loadLxcConfigCases()) {
      const r = decodeHostFacts(c.factsJson);
      expect(E.isRight(r)).toBe(true);
      if (E.isRight(r)) {
        expect(Object.keys(r.right)).not.toContain('vmid');
        expect(Object.keys(r.right)).not.toContain('seed');
        expect(Object.keys(r.right)).not.toContain('hashOrderDependent');
        expect(Object.keys(r.right)).toHaveLength(13);
      }
    }
  });

  it('names the path of a wrong value', () => {
    expect(problems({ ...base, bridgeMtu: { vmbr0: 'x' } })).toEqual([
      {
        code: 'HOST_FACTS_INVALID',
        path: 'facts.bridgeMtu.vmbr0',
        message: 'facts.bridgeMtu.vmbr0: expected NonNegativeInteger, got "x"',
      },
    ]);
    expect(problems({ ...base, bridgeMtu: { vmbr0: 1.5 } })[0]?.path).toBe('facts.bridgeMtu.vmbr0');
    expect(
      problems({ ...base, devices: { '/dev/x': { type: 'c', major: 1 } } }).map((p) => p.path),
    ).toContain('facts.devices./dev/x.minor');
    expect(problems({ ...base, cgroupMode: 3 }).map((p) => p.path)).toEqual(['facts.cgroupMode']);
    expect(
      problems({
        ...base,
        cpusetEffective: { '/sys/fs/cgroup/lxc': { version: 3, cpus: '0' } },
      }).map((p) => p.path),
    ).toEqual(['facts.cpusetEffective./sys/fs/cgroup/lxc.version']);
  });

  it('reports missing fields, unknown fields, and a non-object', () => {
    const { ctDirExists: _drop, ...missing } = base;
    expect(problems(missing)).toEqual([
      {
        code: 'HOST_FACTS_INVALID',
        path: 'facts.ctDirExists',
        message: 'facts.ctDirExists: expected boolean, got missing',
      },
    ]);
    expect(problems({ ...base, bridgeMTU: {} })).toEqual([
      {
        code: 'HOST_FACTS_UNKNOWN_FIELD',
        path: 'facts.bridgeMTU',
        message: "unknown host fact 'bridgeMTU'",
      },
    ]);
    expect(problems(null).length).toBeGreaterThan(0);
    expect(problems([]).length).toBeGreaterThan(0);
  });

  it('accepts vmid, seed and hashOrderDependent', () => {
    expect(problems({ ...base, vmid: 5, seed: 3, hashOrderDependent: true })).toEqual([]);
  });
});
