/**
 * checkConfigValue against Proxmox's parse results for all 195 configs in
 * shared/pve-vectors/canonical: every stored value must be what the check returns, and every
 * `unable to parse value of …` warning must be one the check produces.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { listShared, readShared } from '../support/shared.js';
import { checkConfigValue } from '../../src/schema/check-value.js';

type Section = Record<string, unknown>;
const NOT_KEYS = new Set([
  'lxc',
  'env',
  'description',
  'pending',
  'snapshots',
  'delete',
  'snapstate',
]);
const groups = ['corpus', 'pve-setup', 'pve-snapshot'] as const;

const cases = groups.flatMap((group) =>
  listShared('pve-vectors', 'canonical', group)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [`${group}/${f.slice(0, -5)}`, group, f.slice(0, -5)] as const),
);

function sectionsOf(top: Section): Section[] {
  const snapshots = Object.values((top['snapshots'] ?? {}) as Record<string, Section>);
  return [top, (top['pending'] ?? {}) as Section, ...snapshots];
}

describe('checkConfigValue on the canonical parse results', () => {
  it('covers all 195 configs', () => {
    expect(cases).toHaveLength(195);
  });

  it.each(cases)('%s', (_label, group, name) => {
    const top = JSON.parse(
      readShared('pve-vectors', 'canonical', group, `${name}.json`),
    ) as Section;
    const warnings = readShared('pve-vectors', 'canonical', group, `${name}.warnings`);
    const produced: string[] = [];
    for (const section of sectionsOf(top)) {
      for (const [key, value] of Object.entries(section)) {
        if (NOT_KEYS.has(key)) continue;
        if (typeof value === 'number') {
          expect(checkConfigValue(key, String(value)), key).toEqual(E.right(value));
          continue;
        }
        const result = checkConfigValue(key, value as string);
        if (E.isRight(result)) expect(result.right, key).toBe(value);
        else produced.push(`unable to parse value of '${key}' - ${result.left.message}`);
      }
    }
    for (const message of produced) expect(warnings).toContain(message);
    const expectedCount = warnings.split('unable to parse value of').length - 1;
    expect(produced).toHaveLength(expectedCount);
  });
});
