// The API report: the public surface of the built package (dist/**/*.d.ts), normalised into
// api/pctkit.api.md. For each entry point (pctkit and every subpath below) every export with
// its declaration as tsc emitted it (doc comments stripped), then every type those declarations
// refer to that no entry point exports (a change there changes the API too).
//
//   node scripts/api-report.mjs            print the report
//   node scripts/api-report.mjs --check    exit 1 with a unified diff when it differs from the file
//   node scripts/api-report.mjs --update   rewrite the file
//
// Needs `npm run build` first.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reportPath = join(root, 'api', 'pctkit.api.md');
const entries = [
  ['pctkit', 'dist/index.d.ts'],
  ['pctkit/effects', 'dist/effects/index.d.ts'],
  ['pctkit/start', 'dist/start/index.d.ts'],
  ['pctkit/storage', 'dist/storage/index.d.ts'],
  ['pctkit/testing', 'dist/testing/index.d.ts'],
  ['pctkit/api', 'dist/api/index.d.ts'],
  ['pctkit/create', 'dist/create/index.d.ts'],
  ['pctkit/config', 'dist/config/index.d.ts'],
  ['pctkit/schema', 'dist/schema/index.d.ts'],
  ['pctkit/os', 'dist/os/index.d.ts'],
  ['pctkit/setup', 'dist/setup/index.d.ts'],
];

for (const [, file] of entries) {
  if (!existsSync(join(root, file))) {
    console.error(`api-report: ${file} is missing; run npm run build first`);
    process.exit(2);
  }
}

const program = ts.createProgram(
  entries.map(([, f]) => join(root, f)),
  { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true, types: [] },
);
const checker = program.getTypeChecker();
const distDir = join(root, 'dist');
const inDist = (node) => node.getSourceFile().fileName.startsWith(distDir + '/');
const modulePath = (node) => relative(distDir, node.getSourceFile().fileName).replace(/\.d\.ts$/, '');

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/** The declaration's text as tsc emitted it, without comments, `export`/`declare` modifiers or bodies. */
function declarationText(node) {
  const text = printer.printNode(ts.EmitHint.Unspecified, node, node.getSourceFile());
  return text
    .replace(/^export default /, 'default ')
    .replace(/^export declare /, '')
    .replace(/^export /, '')
    .replace(/^declare /, '');
}

function resolve(symbol) {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** The nodes that make up a symbol's declaration (a variable's whole statement). */
function declarationNodes(symbol) {
  return (symbol.declarations ?? []).filter(inDist).map((d) => (ts.isVariableDeclaration(d) ? d.parent.parent : d));
}

const exported = new Set(); // resolved symbols exported by some entry point
const sections = [];
for (const [name, file] of entries) {
  const sf = program.getSourceFile(join(root, file));
  const moduleSymbol = checker.getSymbolAtLocation(sf);
  const items = [];
  for (const sym of checker.getExportsOfModule(moduleSymbol)) {
    const target = resolve(sym);
    exported.add(target);
    const nodes = declarationNodes(target);
    const from = nodes.length > 0 ? modulePath(nodes[0]) : '(external)';
    const body = nodes.map(declarationText).join('\n');
    const alias = sym.name !== target.name ? ` (as ${target.name})` : '';
    items.push({ key: sym.name, text: `// ${sym.name}${alias} — ${from}\n${body}` });
  }
  items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  sections.push({ name, items });
}

// Types referenced from the public declarations that no entry point exports, transitively.
const referenced = new Map(); // symbol → text
const queue = [...exported];
const seen = new Set(queue);
while (queue.length > 0) {
  const sym = queue.shift();
  for (const decl of declarationNodes(sym)) {
    const visit = (node) => {
      let nameNode;
      if (ts.isTypeReferenceNode(node)) nameNode = node.typeName;
      else if (ts.isExpressionWithTypeArguments(node)) nameNode = node.expression;
      else if (ts.isTypeQueryNode(node)) nameNode = node.exprName;
      if (nameNode !== undefined) {
        const s = checker.getSymbolAtLocation(ts.isQualifiedName(nameNode) ? nameNode.left : nameNode);
        const target = s === undefined ? undefined : resolve(s);
        if (target !== undefined && !seen.has(target) && declarationNodes(target).length > 0 && !(target.flags & ts.SymbolFlags.TypeParameter)) {
          seen.add(target);
          queue.push(target);
          if (!exported.has(target)) {
            const nodes = declarationNodes(target);
            referenced.set(target, { key: `${target.name} ${modulePath(nodes[0])}`, text: `// ${target.name} — ${modulePath(nodes[0])}\n${nodes.map(declarationText).join('\n')}` });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(decl);
  }
}

let report = '# API report: pctkit\n\n';
report += 'Generated by `scripts/api-report.mjs` from `dist/**/*.d.ts`. Do not edit: run `npm run api:update`\n';
report += 'and commit the result when a change to the public surface is intended.\n';
for (const { name, items } of sections) {
  report += `\n## ${name}\n\n${items.length} exports.\n\n\`\`\`ts\n${items.map((i) => i.text).join('\n\n')}\n\`\`\`\n`;
}
const refs = [...referenced.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
report += `\n## Referenced, not exported\n\nTypes the public declarations use that no entry point exports (${refs.length}).\n\n`;
report += refs.length === 0 ? '' : `\`\`\`ts\n${refs.map((r) => r.text).join('\n\n')}\n\`\`\`\n`;

const mode = process.argv[2];
if (mode === '--update') {
  mkdirSync(dirname(reportPath), { recursive: true });
  writeFileSync(reportPath, report);
  console.log(`api-report: wrote ${relative(root, reportPath)}`);
} else if (mode === '--check') {
  const committed = existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : '';
  if (committed !== report) {
    const { unifiedDiff } = await import('../dist/config/index.js');
    process.stderr.write(unifiedDiff(committed, report, 'api/pctkit.api.md (committed)', 'api/pctkit.api.md (from dist)'));
    console.error('\napi-report: the public API changed. If intended, run `npm run api:update` and commit api/pctkit.api.md.');
    process.exit(1);
  }
  console.log(`api-report: the public API matches api/pctkit.api.md (${sections.map((s) => `${s.name}: ${s.items.length}`).join(', ')}; ${refs.length} referenced)`);
} else {
  process.stdout.write(report);
}
