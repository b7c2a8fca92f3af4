// The README's first command: check and canonicalise the bundled fixture configs with the built CLI.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runCli } from '../dist/cli/main.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'configs');
const files = readdirSync(dir).filter((f) => f.endsWith('.conf')).sort().map((f) => relative(process.cwd(), join(dir, f)));
for (const [title, args] of [
  ['pctkit config check', ['config', 'check', ...files]],
  ['pctkit config fmt --check (what Proxmox would rewrite)', ['config', 'fmt', '--check', ...files]],
]) {
  console.log(`\n$ ${title} ${files.join(' ')}`);
  const code = runCli(args);
  console.log(`(exit ${code})`);
}
