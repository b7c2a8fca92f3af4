// The purity checks of the core, as functions (used by scripts/check-purity.mjs and by the tests
// that show each check fails when a Node built-in, `process` or `Math.random` is injected).
import { build } from 'esbuild';
import { ESLint } from 'eslint';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Globals and calls the core must not reach (checked in the browser bundle's text). */
const FORBIDDEN_IN_BUNDLE = [
  /\bprocess\.(env|argv|exit|cwd|platform|pid)\b/,
  /\bMath\.random\s*\(/,
  /\bDate\.now\s*\(/,
  /\bnew Date\(\s*\)/,
  /\brequire\(\s*["'](node:)?(fs|path|os|child_process|crypto)["']\s*\)/,
];

/**
 * Bundles `entry` for the browser. Fails if it imports a Node built-in (esbuild cannot resolve it
 * for platform=browser) or if the bundle uses a forbidden global. Returns the list of problems.
 */
export async function checkBrowserBundle(entry) {
  const problems = [];
  let text;
  try {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      absWorkingDir: repoRoot,
    });
    text = result.outputFiles[0].text;
  } catch (e) {
    for (const err of e.errors ?? [{ text: String(e) }]) problems.push(`browser bundle: ${err.text}`);
    return problems;
  }
  for (const re of FORBIDDEN_IN_BUNDLE) {
    const m = re.exec(text);
    if (m) problems.push(`browser bundle uses ${m[0]}`);
  }
  return problems;
}

/** Typechecks files with the core tsconfig (types: [], no DOM): Node globals do not exist there. */
export function checkCoreTypes(extraFiles = []) {
  const dir = mkdtempSync(join(tmpdir(), 'pctkit-core-'));
  try {
    const config = join(dir, 'tsconfig.json');
    writeFileSync(
      config,
      JSON.stringify({
        extends: join(repoRoot, 'tsconfig.core.json'),
        compilerOptions: { rootDir: '/', noEmit: true, types: [], typeRoots: [] },
        include: extraFiles.length > 0 ? extraFiles : [join(repoRoot, 'src')],
        exclude: [join(repoRoot, 'src/effects'), join(repoRoot, 'src/cli')],
      }),
    );
    execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', config], {
      stdio: 'pipe',
    });
    return [];
  } catch (e) {
    return [`core typecheck: ${String(e.stdout ?? e.message).trim()}`];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lints source text as if it were a core file (`filePath` under src/, not effects or cli). */
export async function checkCoreLint(code, filePath = 'src/config/probe.ts') {
  const eslint = new ESLint({ cwd: repoRoot });
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, filePath) });
  return result.messages.filter((m) => m.severity === 2).map((m) => `lint ${m.ruleId}: ${m.message}`);
}
