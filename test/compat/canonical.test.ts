/**
 * Proxmox's canonical writer, warnings and strict mode, on every input of
 * shared/pve-vectors/canonical/ (corpus, setup-test and snapshot-test configs).
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { formatProxmoxMessages } from '../../src/config/diagnostic.js';
import { toProxmoxJson } from '../../src/config/proxmox-json.js';
import { readConfig, readConfigStrict } from '../../src/config/reader.js';
import { writeConfig } from '../../src/config/writer.js';
import { loadCanonicalVectors } from '../support/canonical-vectors.js';

const vectors = loadCanonicalVectors();

describe('canonical vectors', () => {
  it('has every vector group (78 corpus, 33 setup, 84 snapshot configs)', () => {
    const count = (g: string): number => vectors.filter((v) => v.group === g).length;
    expect([count('corpus'), count('pve-setup'), count('pve-snapshot')]).toEqual([78, 33, 84]);
  });

  describe.each(vectors.map((v) => [`${v.group}/${v.name}`, v] as const))('%s', (_label, v) => {
    const { config, diagnostics } = readConfig(v.input);

    it('writes what write_pct_config writes', () => {
      const written = writeConfig(config);
      expect(E.isRight(written)).toBe(true);
      if (E.isRight(written)) expect(written.right).toBe(v.written);
    });

    it('warns what parse_pct_config warns', () => {
      expect(formatProxmoxMessages(diagnostics, v.vmid)).toBe(v.warnings);
    });

    it('fails in strict mode where Proxmox does', () => {
      const strict = readConfigStrict(v.input);
      const got = E.isRight(strict) ? 'ok' : formatProxmoxMessages([strict.left[0]], v.vmid);
      expect(got).toBe(v.strict);
    });

    it('holds the structure Proxmox holds', () => {
      expect(JSON.parse(JSON.stringify(toProxmoxJson(config)))).toEqual(v.json);
    });

    it('writes a fixed point', () => {
      const once = writeConfig(config);
      if (E.isLeft(once)) throw new Error(once.left[0].message);
      const twice = writeConfig(readConfig(once.right).config);
      expect(twice).toEqual(E.right(once.right));
    });
  });
});
