// Extraction speed of a real template: pctkit's extractArchive against GNU tar (with Proxmox's
// flags, same archive, same disk) in the same run, alternating, 5 rounds each; the ratio of the
// medians is the figure (target: within 1.5x). Needs root and the cached Debian template
// (test/support/debian-template.sh builds it); prints why and exits 0 when they are missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ID_MAP, proxmoxTarCommand } from '../dist/create/index.js';
import { extractArchive } from '../dist/effects/index.js';

const root = join(import.meta.dirname, '..');
if (process.getuid?.() !== 0) {
  console.log('bench/extract: skipped: needs root (owners through the id map)');
  process.exit(0);
}
const built = spawnSync('bash', [join(root, 'test/support/debian-template.sh')], {
  encoding: 'utf8',
});
if (built.status !== 0) {
  console.log(`bench/extract: skipped: no template (${built.stderr.trim().split('\n').pop()})`);
  process.exit(0);
}
const template = built.stdout.trim();
const work = mkdtempSync(join(tmpdir(), 'pctkit-bench-extract-'));
const rounds = Number(process.env.ROUNDS ?? 5);

function fresh() {
  const dir = join(work, 't');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  execFileSync('sync');
  return dir;
}

async function ours() {
  const dir = fresh();
  const t0 = performance.now();
  const r = await extractArchive({
    archive: template,
    compression: 'zstd',
    target: dir,
    idMap: DEFAULT_ID_MAP,
  });
  const ms = performance.now() - t0;
  if (r._tag !== 'Right') throw new Error(JSON.stringify(r.left.slice(-2)));
  return { ms, members: r.right.members };
}

function gnu() {
  const dir = fresh();
  const argv = proxmoxTarCommand('zstd', [], dir);
  const t0 = performance.now();
  execFileSync('sh', ['-c', `${argv.map((a) => `'${a}'`).join(' ')} < "$0"`, template], {
    stdio: 'ignore',
  });
  return { ms: performance.now() - t0 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const a = [];
const b = [];
let members = 0;
await ours(); // warm the page cache and the code
for (let i = 0; i < rounds; i++) {
  const o = await ours();
  members = o.members;
  a.push(o.ms);
  b.push(gnu().ms);
}
rmSync(work, { recursive: true, force: true });
const ma = median(a);
const mb = median(b);
console.log(
  `extract: ${template.split('/').pop()} (${members} members), ${rounds} rounds each, alternating`,
);
console.log(
  `  GNU tar (Proxmox flags, no userns)  median ${mb.toFixed(0)} ms  [${b.map((x) => x.toFixed(0)).join(', ')}]`,
);
console.log(
  `  pctkit extractArchive (id-mapped)   median ${ma.toFixed(0)} ms  [${a.map((x) => x.toFixed(0)).join(', ')}]`,
);
console.log(`  ratio pctkit / GNU tar: ${(ma / mb).toFixed(2)}x (target ≤ 1.5x)`);
