// The README's first command: the main job on the bundled fixtures, with the built CLI.
// 1. check and canonicalise the fixture configs; 2. detect the OS of a fixture rootfs, plan the
// setup `pct create` would perform there for a config, and show it as a dry run (nothing written).
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runCli } from '../dist/cli/main.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const rel = (p) => relative(process.cwd(), p);
const configs = readdirSync(join(fixtures, 'configs'))
  .filter((f) => f.endsWith('.conf'))
  .sort()
  .map((f) => rel(join(fixtures, 'configs', f)));
const rootfs = rel(join(fixtures, 'rootfs', 'debian-12'));
const config = rel(join(fixtures, 'configs', '100.conf'));
const inputs = ['--seed', '1', '--now', '2026-01-01T00:00:00Z', '--password-hash', '$5$demo$hash', '--nameserver', '192.168.1.1', '--searchdomain', 'example.com', '--no-ssh-host-keys'];

for (const args of [
  ['config', 'check', ...configs],
  ['config', 'fmt', '--check', ...configs],
  ['detect', rootfs, '--config', config],
  ['plan', config, rootfs, ...inputs],
  ['apply', '--dry-run', config, rootfs, ...inputs],
]) {
  console.log(`\n$ pctkit ${args.join(' ')}`);
  const code = runCli(args);
  console.log(`(exit ${code})`);
}
