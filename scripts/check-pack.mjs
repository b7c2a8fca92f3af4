// Release check of the package as npm would publish it (needs `npm run build` first):
//  1. `npm pack` holds exactly dist JS + .d.ts, README.md, LICENSE, CHANGELOG.md and package.json —
//     no sources, tests, fixtures, maps or benchmarks — and every file the exports map and the bin
//     point at.
//  2. The tarball installs into a fresh temporary project (from the npm cache when it has the
//     dependencies: --prefer-offline), and there
//     - ESM `import` of pctkit, pctkit/effects and pctkit/testing works (with fast-check, the
//       optional peer dependency of pctkit/testing, installed beside it);
//     - `require('pctkit')` works: require(esm), unflagged on Node >= 20.19 (engines.node);
//     - a consumer's TypeScript (this project's tsc) resolves the types of all three entry points
//       under moduleResolution nodenext and bundler, and a .cts file under module node20;
//     - the `pctkit` bin runs (`npx pctkit --help`, and `config check` on a file).
// Exit 1 with the problems listed.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const started = performance.now();
const work = mkdtempSync(join(tmpdir(), 'pctkit-pack-'));
const keep = process.argv.includes('--keep');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

function run(command, args, cwd, env = {}) {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  } catch (e) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: e });
  }
}
function step(name, f) {
  const t = performance.now();
  f();
  console.log(`  ok  ${name} (${Math.round(performance.now() - t)} ms)`);
}

try {
  if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run npm run build first');
  console.log('pack check:');

  // 1. The tarball's file list.
  let tarball;
  step('npm pack contains only dist JS/.d.ts, README.md, LICENSE, CHANGELOG.md, package.json', () => {
    const [info] = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', work], root));
    tarball = join(work, info.filename);
    const files = info.files.map((f) => f.path).sort();
    const allowed = /^(?:package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/.+\.(?:js|d\.ts))$/;
    const unexpected = files.filter((f) => !allowed.test(f));
    assert.deepEqual(unexpected, [], `unexpected files in the package: ${unexpected.join(', ')}`);
    for (const required of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
      assert.ok(files.includes(required), `${required} is missing from the package`);
    }
    for (const banned of [/^src\//, /^test\//, /^fixtures\//, /^bench\//, /^scripts\//, /^docs\//, /\.map$/, /\.test\./, /^api\//]) {
      const hit = files.find((f) => banned.test(f));
      assert.equal(hit, undefined, `${hit} must not be in the package`);
    }
    // Every target of the exports map and the bin is packed; every JS file has its declarations.
    const targets = [pkg.main, pkg.types, ...Object.values(pkg.bin)];
    for (const value of Object.values(pkg.exports)) {
      if (typeof value === 'string') targets.push(value);
      else targets.push(...Object.values(value));
    }
    for (const target of targets) {
      const path = target.replace(/^\.\//, '');
      assert.ok(files.includes(path), `${target} (exports/bin) is not in the package`);
    }
    for (const js of files.filter((f) => f.endsWith('.js') && f !== 'dist/cli/bin.js')) {
      assert.ok(files.includes(js.replace(/\.js$/, '.d.ts')), `${js} has no .d.ts`);
    }
    assert.ok(files.includes('dist/testing/index.js') && files.includes('dist/effects/index.js'));
    console.log(`      ${files.length} files, ${(info.size / 1024).toFixed(0)} KiB packed, ${(info.unpackedSize / 1024).toFixed(0)} KiB unpacked`);
  });

  // 2. A fresh consumer project.
  const app = join(work, 'consumer');
  step('the tarball installs into a fresh project (with fast-check, @types/node)', () => {
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pctkit-consumer', private: true, type: 'module' }, null, 2));
    const devVersion = (name) => `${name}@${pkg.devDependencies[name]}`;
    run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball, devVersion('fast-check'), devVersion('@types/node')], app);
    const installed = JSON.parse(readFileSync(join(app, 'node_modules', 'pctkit', 'package.json'), 'utf8'));
    assert.equal(installed.version, pkg.version);
  });

  const sample = 'onboot: yes\n# web\nhostname: web-01\n';
  writeFileSync(join(app, 'ct.conf'), sample);

  step('ESM import of pctkit, pctkit/effects and pctkit/testing', () => {
    writeFileSync(
      join(app, 'esm.mjs'),
      `import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument, printDocument, readConfig, writeConfig } from 'pctkit';
import { writeFileAtomic } from 'pctkit/effects';
import { planLxcConfig } from 'pctkit/start';
import { assertCanonical, assertLosslessRoundTrip, configText, validConfigText } from 'pctkit/testing';
import { getConfigData } from 'pctkit/api';
const text = ${JSON.stringify(sample)};
assert.equal(typeof planLxcConfig, 'function');
assert.equal(getConfigData(text, {}).right.onboot, 1);
assert.equal(printDocument(parseDocument(text)), text);
const written = writeConfig(readConfig(text).config);
assert.equal(written.right, '# web\\nhostname: web-01\\nonboot: 1\\n');
assert.equal(typeof writeFileAtomic, 'function');
fc.assert(fc.property(configText(), (t) => assertLosslessRoundTrip(t)), { numRuns: 50 });
fc.assert(fc.property(validConfigText({ canonical: true }), (t) => assertCanonical(t)), { numRuns: 20 });
assert.throws(() => assertCanonical(text), { name: 'AssertionError' });
console.log('esm ok');
`,
    );
    assert.equal(run(process.execPath, ['esm.mjs'], app).trim(), 'esm ok');
  });

  step(`require('pctkit') (require(esm), Node ${process.version})`, () => {
    writeFileSync(
      join(app, 'cjs.cjs'),
      `const assert = require('node:assert/strict');
const pctkit = require('pctkit');
const effects = require('pctkit/effects');
const testing = require('pctkit/testing');
assert.equal(pctkit.printDocument(pctkit.parseDocument('a: 1\\n')), 'a: 1\\n');
assert.equal(typeof effects.writeFileAtomic, 'function');
assert.equal(typeof testing.assertCanonical, 'function');
console.log('cjs ok');
`,
    );
    const out = execFileSync(process.execPath, ['cjs.cjs'], { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.equal(out.trim(), 'cjs ok');
  });

  const consumerTs = `import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { readConfig, writeConfig, type PctConfig, type Diagnostic, type Result } from 'pctkit';
import { writeFileAtomic } from 'pctkit/effects';
import { assertCanonical, netString, validConfigText, type PropertyStringOptions } from 'pctkit/testing';

const { config, diagnostics }: { config: PctConfig; diagnostics: readonly Diagnostic[] } = readConfig('hostname: ct1\\n');
const written: Result<string> = writeConfig(config);
const text: string = E.isRight(written) ? written.right : '';
const options: PropertyStringOptions = { canonical: false };
const net: fc.Arbitrary<string> = netString(options);
fc.assert(fc.property(validConfigText(), (t: string) => assertCanonical(t)), { numRuns: 1 });
// @ts-expect-error: writeConfig takes a PctConfig, not text
writeConfig(text);
export { diagnostics, net, writeFileAtomic };
`;
  // Consumer type checks, run in parallel (each tsc start costs seconds). skipLibCheck is on as in
  // most projects, except in the `lib-check` project, which also type-checks pctkit's .d.ts files
  // (and those of fp-ts and fast-check) the way a consumer with skipLibCheck off does.
  const base = { target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true };
  const projects = [
    ['moduleResolution nodenext', 'nodenext', { ...base, module: 'nodenext', moduleResolution: 'nodenext' }, 'consumer.ts', consumerTs],
    ['moduleResolution bundler', 'bundler', { ...base, module: 'esnext', moduleResolution: 'bundler' }, 'consumer.ts', consumerTs],
    [
      '.cts with module node20 (require of ESM)',
      'cjs',
      { ...base, module: 'node20', moduleResolution: 'node16' },
      'consumer.cts',
      `import pctkit = require('pctkit');\nconst text: string = pctkit.printDocument(pctkit.parseDocument('a: 1\\n'));\nexport = text;\n`,
    ],
    [
      'skipLibCheck off, no @types/node (pctkit and pctkit/testing .d.ts checked)',
      'lib-check',
      { ...base, module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: false, types: [] },
      'consumer.ts',
      consumerTs.replace(/^import .*'pctkit\/effects';\n/m, '').replace(', writeFileAtomic };', ' };'),
    ],
  ];
  const t = performance.now();
  const results = await Promise.all(
    projects.map(async ([label, name, compilerOptions, file, source]) => {
      const dir = join(app, `ts-${name}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, file), source);
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: [file] }));
      try {
        await execFileAsync(process.execPath, [tsc, '-p', dir], { cwd: app, encoding: 'utf8' });
        return undefined;
      } catch (e) {
        return `${label}: tsc failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`;
      }
    }),
  );
  const failures = results.filter((r) => r !== undefined);
  if (failures.length > 0) throw new Error(failures.join('\n'));
  for (const [label] of projects) console.log(`  ok  a consumer's tsc resolves the types: ${label}`);
  console.log(`      (tsc runs in parallel: ${Math.round(performance.now() - t)} ms)`);

  step('the pctkit bin runs (npx pctkit --help, pctkit config check/fmt)', () => {
    const help = run('npx', ['--offline', 'pctkit', '--help'], app);
    assert.match(help, /pctkit config check/);
    const bin = join(app, 'node_modules', '.bin', 'pctkit');
    assert.equal(run(bin, ['config', 'check', 'ct.conf'], app), '');
    const fmt = run(bin, ['config', 'fmt', 'ct.conf'], app);
    assert.equal(fmt, '# web\nhostname: web-01\nonboot: 1\n');
  });

  console.log(`pack check: ok in ${((performance.now() - started) / 1000).toFixed(1)} s${keep ? ` (kept ${work})` : ''}`);
} catch (e) {
  console.error(`pack check failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
}
