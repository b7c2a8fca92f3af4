// Proves the pure core is pure: typechecks with no Node types, bundles for the browser, and lints
// with the core's restrictions. Exit 1 with the problems listed.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkBrowserBundle, checkCoreLint, checkCoreTypes, repoRoot } from './purity.mjs';

const problems = [];
problems.push(...checkCoreTypes());
problems.push(...(await checkBrowserBundle(join(repoRoot, 'src/index.ts'))));
problems.push(...(await checkBrowserBundle(join(repoRoot, 'src/api/index.ts'))));

function coreFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (!/src\/(effects|cli)$/.test(p)) out.push(...coreFiles(p));
    } else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}
for (const file of coreFiles(join(repoRoot, 'src'))) {
  const rel = relative(repoRoot, file);
  for (const p of await checkCoreLint(readFileSync(file, 'utf8'), rel)) problems.push(`${rel}: ${p}`);
}

if (problems.length > 0) {
  console.error('The pure core is not pure:\n' + problems.map((p) => `  - ${p}`).join('\n'));
  process.exit(1);
}
console.log('purity: core typechecks without Node types, bundles for the browser, and passes the core lint rules');
