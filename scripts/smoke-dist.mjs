// Imports the built package the way a user's Node program does (the exports map, no TypeScript,
// no bundler) and runs one round trip through it and through the installed bin.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pctkit = await import('pctkit');
const text = 'hostname: ct1\nonboot: yes\n#hi\n';
assert.equal(pctkit.printDocument(pctkit.parseDocument(text)), text);
const { config } = pctkit.readConfig(text);
const written = pctkit.writeConfig(config);
assert.equal(written._tag, 'Right');
assert.equal(written.right, '#hi\nhostname: ct1\nonboot: 1\n');
const effects = await import('pctkit/effects');
assert.equal(typeof effects.writeFileAtomic, 'function');
const start = await import('pctkit/start');
assert.equal(typeof start.planLxcConfig, 'function');
const storage = await import('pctkit/storage');
assert.equal(typeof storage.parseStorageConfig, 'function');
const api = await import('pctkit/api');
assert.equal(api.pctConfigText('hostname: ct1\n', {}).right, 'hostname: ct1\n');
assert.equal(api.configDigest(''), 'da39a3ee5e6b4b0d3255bfef95601890afd80709');
const help = execFileSync(process.execPath, [join(root, 'dist/cli/bin.js'), '--help'], { encoding: 'utf8' });
assert.match(help, /pctkit config check/);
console.log('dist smoke test: ok (import pctkit, pctkit/effects, bin)');
