// Compiles and runs the TypeScript examples of docs/getting-started.md, README.md, docs/start.md and docs/api-interop.md against the built package
// (docs/create.md's are compiled only: they need a template and a host to run)
// (needs `npm run build`). Every ```ts block becomes one module under .cache/docs-examples/ that
// imports `pctkit` by its package name (self-reference through the exports map, as a user's code
// does); a line `EXPR; // => VALUE` becomes an assertion that EXPR deep-equals VALUE (a JavaScript
// expression). The modules are type-checked with this project's TypeScript (strict, NodeNext), then
// each is run with Node. Exit 1 naming the block and the doc line of the first problem.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2).filter((a) => a !== '--keep');
const docs = args.length > 0 ? args : ['docs/getting-started.md', 'README.md', 'docs/start.md', 'docs/api-interop.md', 'docs/create.md'];
/** Docs whose examples need real files (a template, a rootfs): type-checked, not run. */
const typecheckOnly = new Set(['docs/create.md']);
const work = join(root, '.cache', 'docs-examples');
const started = performance.now();
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'src'), { recursive: true });

writeFileSync(
  join(work, 'src', 'expect.ts'),
  `import { deepStrictEqual } from 'node:assert/strict';
/** The assertion a \`// =>\` annotation becomes. */
export function __expect(actual: unknown, expected: unknown, where: string): void {
  try {
    deepStrictEqual(actual, expected);
  } catch (e) {
    throw new Error(\`\${where}: the example's result differs from its // => annotation\\n\${(e as Error).message}\`);
  }
}
`,
);

const examples = [];
for (const doc of docs) {
  const lines = readFileSync(join(root, doc), 'utf8').split('\n');
  let block;
  lines.forEach((line, i) => {
    if (block === undefined && /^```ts\s*$/.test(line)) block = { doc, start: i + 1, lines: [] };
    else if (block !== undefined && /^```\s*$/.test(line)) {
      examples.push(block);
      block = undefined;
    } else if (block !== undefined) block.lines.push({ text: line, docLine: i + 1 });
  });
  if (block !== undefined) throw new Error(`${doc}:${block.start}: unterminated code block`);
}
if (examples.length === 0) {
  console.error('docs examples: no ```ts blocks found');
  process.exit(1);
}

const ANNOTATED = /^(\s*)(.+?);\s*\/\/ => (.+)$/;
let annotations = 0;
examples.forEach((ex, n) => {
  const body = ex.lines.map(({ text, docLine }) => {
    const m = ANNOTATED.exec(text);
    if (m === null) return text;
    annotations++;
    return `${m[1]}__expect(${m[2]}, ${m[3]}, ${JSON.stringify(`${ex.doc}:${docLine}`)});`;
  });
  ex.file = `example-${n + 1}.ts`;
  const usesExpect = body.some((l) => l.includes('__expect('));
  // Blank lines keep the doc's line numbers: example line k is doc line ex.start + k.
  const header = usesExpect ? `import { __expect } from './expect.js';` : '';
  writeFileSync(join(work, 'src', ex.file), [header, ...body, 'export {};', ''].join('\n'));
});

writeFileSync(
  join(work, 'tsconfig.json'),
  JSON.stringify(
    {
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        types: ['node'],
        rootDir: 'src',
        outDir: 'out',
        sourceMap: false,
      },
      include: ['src'],
    },
    null,
    2,
  ),
);
// No package.json here: the examples are in the repository's package scope (type: module) and
// resolve `pctkit` through its exports map (self-reference).

/** The doc position of a line of an example module (line 1 is the import header). */
function where(ex, fileLine) {
  return `${ex.doc}:${ex.start + fileLine - 1}`;
}

try {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', work], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
} catch (e) {
  const out = `${e.stdout ?? ''}${e.stderr ?? ''}`.replace(/\.cache\/docs-examples\/src\/(example-(\d+))\.ts\((\d+),(\d+)\)/g, (_, _f, n, line) =>
    where(examples[Number(n) - 1], Number(line)),
  );
  console.error(`docs examples: type errors\n${out}`);
  process.exit(1);
}

for (const ex of examples) {
  if (typecheckOnly.has(ex.doc)) continue;
  try {
    execFileSync(process.execPath, [join(work, 'out', ex.file.replace(/\.ts$/, '.js'))], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    console.error(`docs examples: the block at ${ex.doc}:${ex.start} failed when run:\n${e.stderr ?? ''}${e.stdout ?? ''}`);
    process.exit(1);
  }
}
// Leave nothing behind for eslint or tsc to find (keep it with --keep to inspect the modules).
if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
console.log(
  `docs examples: ${examples.length} blocks of ${docs.map((d) => relative(root, join(root, d))).join(', ')} type-check, and run except those of ${[...typecheckOnly].join(', ')}; ${annotations} // => results hold (${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
