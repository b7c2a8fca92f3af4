// Setup planning speed per OS family, on Proxmox's own setup cases (shared/pve-tests/setup),
// beside a baseline measured in the same run: reading the same config (parse + Proxmox reader).
import { Bench } from 'tinybench';
import { lstatSync, readFileSync, readdirSync, readlinkSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectOs, fsSnapshotFromEntries, readConfig } from '../dist/index.js';
import { planSetup } from '../dist/setup/index.js';
import { pveTestInputs } from './pve-test-mode.mjs';

const root = join(import.meta.dirname, '..');
const shared = process.env.PCTKIT_SHARED ?? join(root, '..', 'shared');
const setupDir = join(shared, 'pve-tests', 'setup');
// shared/ may have lost its symlinks (see test/support/load-tree.ts); these are the known ones.
const lostLinks = {
  'test-debian-013': { 'etc/hosts': '../../bad-path.txt' },
  'test-fedora-001': { 'etc/redhat-release': 'fedora-release', 'bin/sh': 'partial-elf-header-amd64' },
};

function load(name) {
  const links = lostLinks[name] ?? {};
  const entries = [];
  const walk = (dir, rel) => {
    for (const f of readdirSync(dir).sort()) {
      const p = join(dir, f);
      const r = rel ? `${rel}/${f}` : f;
      const st = lstatSync(p);
      if (links[r]) entries.push([`/${r}`, { kind: 'symlink', target: links[r], uid: 0, gid: 0 }]);
      else if (st.isSymbolicLink()) entries.push([`/${r}`, { kind: 'symlink', target: readlinkSync(p), uid: 0, gid: 0 }]);
      else if (st.isDirectory()) {
        entries.push([`/${r}`, { kind: 'dir', mode: st.mode & 0o7777, uid: 0, gid: 0 }]);
        walk(p, r);
      } else entries.push([`/${r}`, { kind: 'file', content: new Uint8Array(readFileSync(p)), mode: st.mode & 0o7777, uid: 0, gid: 0 }]);
    }
  };
  walk(join(setupDir, name), '');
  return fsSnapshotFromEntries(entries);
}

const cases = readdirSync(setupDir).filter((d) => d.startsWith('test-')).sort();
const bench = new Bench({ time: 250, warmupTime: 50 });
const families = new Map();
for (const name of cases) {
  const snapshot = load(name);
  const configText = readFileSync(join(setupDir, name, 'config'), 'utf8');
  const config = readConfig(configText).config.main;
  const detected = detectOs(snapshot, { ostype: config.values.ostype, arch: config.values.arch });
  const family = detected.right.type;
  const plan = () =>
    planSetup({
      snapshot,
      config,
      os: detected.right,
      ...pveTestInputs(),
    });
  if (plan()._tag !== 'Right') throw new Error(`${name}: planning failed`);
  bench.add(`${name} read config`, () => readConfig(configText));
  bench.add(`${name} detect`, () => detectOs(snapshot, { ostype: config.values.ostype, arch: config.values.arch }));
  bench.add(`${name} plan`, plan);
  if (!families.has(family)) families.set(family, []);
  families.get(family).push(name);
}
await bench.run();
const mean = (n) => bench.getTask(n).result.latency.mean * 1000; // µs
const report = { node: process.version, families: {} };
console.log(`node ${process.version}; ${cases.length} Proxmox setup cases (post-create hook)\n`);
console.log('family'.padEnd(12) + 'cases'.padStart(6) + 'plan µs'.padStart(10) + 'max µs'.padStart(9) + 'detect µs'.padStart(11) + 'read µs'.padStart(10) + '  plan/read');
for (const [family, names] of [...families].sort()) {
  const avg = (kind) => names.reduce((s, n) => s + mean(`${n} ${kind}`), 0) / names.length;
  const max = Math.max(...names.map((n) => mean(`${n} plan`)));
  const r = { cases: names.length, planMeanUs: avg('plan'), planMaxUs: max, detectMeanUs: avg('detect'), readMeanUs: avg('read config') };
  report.families[family] = r;
  console.log(family.padEnd(12) + String(r.cases).padStart(6) + r.planMeanUs.toFixed(1).padStart(10) + r.planMaxUs.toFixed(1).padStart(9) + r.detectMeanUs.toFixed(1).padStart(11) + r.readMeanUs.toFixed(1).padStart(10) + `  ${(r.planMeanUs / r.readMeanUs).toFixed(1)}x`);
}
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'setup.json'), JSON.stringify(report, null, 2) + '\n');

// The apply check (writes only what changes) runs with the setup benchmark.
await import('./apply.mjs');
