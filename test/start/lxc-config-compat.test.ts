/**
 * Every lxc-config vector (37 cases), through the library: the exact bytes of `lxc.config`,
 * `rules.seccomp`, the warnings and the error Proxmox printed.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/reader.js';
import { drand48 } from '../../src/random/drand48.js';
import { decodeHostFacts } from '../../src/start/host-facts.js';
import { planLxcConfig } from '../../src/start/lxc-config.js';
import { loadLxcConfigCases, matchesExpected } from './lxc-vectors.js';

const cases = loadLxcConfigCases();

describe('lxc-config vectors (library)', () => {
  it('has all the cases', () => {
    expect(cases.length).toBe(37);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const facts = decodeHostFacts(c.factsJson);
    if (E.isLeft(facts)) throw new Error(facts.left.map((d) => d.message).join('\n'));
    const section = readConfig(c.config).config.main;
    const result = planLxcConfig(section, facts.right, { vmid: c.vmid, random: drand48(c.seed) });
    if (c.error !== undefined) {
      expect(E.isLeft(result)).toBe(true);
      const diagnostics = E.isLeft(result) ? result.left : [];
      const last = diagnostics[diagnostics.length - 1];
      expect(last?.severity).toBe('error');
      expect(last?.proxmoxText).toBe(c.error);
      expect(
        diagnostics
          .slice(0, -1)
          .map((d) => d.proxmoxText ?? '')
          .join(''),
      ).toBe(c.warnings);
      return;
    }
    if (E.isLeft(result))
      throw new Error(result.left.map((d) => d.proxmoxText ?? d.message).join(''));
    const plan = result.right;
    expect(plan.warnings.map((d) => d.proxmoxText ?? '').join('')).toBe(c.warnings);
    if (c.lxcConfigs.length === 0) {
      expect(plan.files).toBeNull();
      return;
    }
    const config = plan.files?.config ?? '';
    if (!matchesExpected(c, config)) expect(config).toBe(c.lxcConfigs[0]);
    expect(plan.files?.rulesSeccomp).toBe(c.rulesSeccomp);
  });
});
