/** docs/formats/*.md are exactly what the generator makes from the codecs (scripts/gen-format-docs.mjs). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDocPages } from '../../scripts/format-docs.js';
import { repoRoot } from '../support/shared.js';

const dir = join(repoRoot, 'docs', 'formats');
const pages = formatDocPages();

describe('docs/formats', () => {
  it('has one page per format and nothing else', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(pages).sort());
    expect(Object.keys(pages).sort()).toEqual(['dev.md', 'features.md', 'mp.md', 'net.md', 'rootfs.md', 'startup.md', 'unused.md']);
  });

  it.each(Object.entries(pages))('%s is up to date (run node scripts/gen-format-docs.mjs)', (name, text) => {
    expect(readFileSync(join(dir, name), 'utf8')).toBe(text);
  });
});
