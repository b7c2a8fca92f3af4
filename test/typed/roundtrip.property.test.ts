/**
 * Property: a typed config (generated in canonical form, every property of the schema used)
 * encodes to a config whose canonical text decodes back to the same typed config.
 */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeConfig } from '../../src/config/writer.js';
import { typedConfig } from '../../src/testing/arbitraries.js';
import { decodeConfig, encodeConfig, TypedConfig } from '../../src/typed/decode-config.js';
import { lxcSettings } from '../../src/typed/lxc-views.js';

const configs = typedConfig(lxcSettings);

describe('typed config round trip', () => {
  it('generated configs are typed configs', () => {
    fc.assert(fc.property(configs, (c) => TypedConfig.is(c)), { numRuns: 50 });
  });

  it('encode → canonical text → decode gives the same typed config, with only the diagnostics of its invalid and unknown values', () => {
    fc.assert(
      fc.property(configs, (typed) => {
        const text = writeConfig(encodeConfig(typed as TypedConfig));
        expect(E.isRight(text)).toBe(true);
        if (E.isLeft(text)) return;
        const decoded = decodeConfig(text.right);
        const { diagnostics, ...back } = decoded;
        // The only errors are those of the deliberately invalid and unknown values the generator adds.
        for (const d of diagnostics) if (d.severity === 'error') expect(['INVALID_VALUE', 'UNKNOWN_SETTING']).toContain(d.code);
        expect(back).toEqual(JSON.parse(JSON.stringify(typed)));
      }),
      { numRuns: 300 },
    );
  });

  it('uses every property of the schema', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(configs, (c) => {
        for (const k of Object.keys(c.current)) seen.add(k);
      }),
      { numRuns: 200 },
    );
    for (const key of ['arch', 'cmode', 'console', 'cores', 'cpulimit', 'cpuunits', 'debug', 'description', 'entrypoint', 'env', 'features', 'hookscript', 'hostname', 'lock', 'memory', 'nameserver', 'onboot', 'ostype', 'parent', 'protection', 'rootfs', 'searchdomain', 'snaptime', 'startup', 'swap', 'tags', 'template', 'timezone', 'tty', 'unprivileged', 'net', 'mp', 'unused', 'dev', 'lxc', 'unknown', 'invalid']) {
      expect(seen).toContain(key);
    }
  });
});
