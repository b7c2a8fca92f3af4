// Apply writes only what changes (issue 7): for one Proxmox setup case per OS family
// (shared/pve-tests/setup), copy the case's rootfs to a temp dir, read it (pctkit/effects), plan the
// post-create hook and apply the plan three times: the first apply writes what the plan changes, the
// second must make 0 mutating calls, and after one planned file's mode is changed by hand the third
// must rewrite exactly that file (its mode). Planning time is reported beside the time to read the
// config (parse + Proxmox reader), measured in the same run. Results: stdout and
// bench/results/apply.json. Exits 1 if a check fails.
import { chmodSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectOs, drand48, readConfig } from '../dist/index.js';
import { planSetup } from '../dist/setup/index.js';
import { applyPlanToRootfs, readRootfs } from '../dist/effects/index.js';
import { pveTestInputs } from './pve-test-mode.mjs';

const root = join(import.meta.dirname, '..');
const shared = process.env.PCTKIT_SHARED ?? join(root, '..', 'shared');
const setupDir = join(shared, 'pve-tests', 'setup');
// Cases whose symlinks shared/ may have lost (see bench/setup.mjs) are left out.
const skip = new Set(['test-debian-013', 'test-fedora-001']);

const fakeKeys = (keyType, comment) => ({
  _tag: 'Right',
  right: {
    privateKey: Buffer.from(`-----BEGIN FAKE ${keyType} KEY-----\n`),
    publicKey: Buffer.from(`ssh-${keyType} AAAAfake ${comment}\n`),
  },
});

function timeUs(fn, budgetMs = 200) {
  for (let i = 0; i < 20; i++) fn();
  let best = Infinity;
  const end = performance.now() + budgetMs;
  while (performance.now() < end) {
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) fn();
    best = Math.min(best, ((performance.now() - t0) * 1000) / 10);
  }
  return best;
}

const cases = readdirSync(setupDir).filter((d) => d.startsWith('test-') && !skip.has(d)).sort();
const seen = new Set();
const results = [];
let failed = false;
const scratch = mkdtempSync(join(tmpdir(), 'pctkit-apply-'));
try {
  for (const name of cases) {
    const rootfs = join(scratch, name);
    mkdirSync(rootfs);
    cpSync(join(setupDir, name), rootfs, { recursive: true, verbatimSymlinks: true });
    rmSync(join(rootfs, 'config'), { force: true });
    const configText = readFileSync(join(setupDir, name, 'config'), 'utf8');
    const config = readConfig(configText).config.main;
    const snapshot = readRootfs(rootfs);
    if (snapshot._tag !== 'Right') continue;
    const detected = detectOs(snapshot.right, { ostype: config.values.ostype, arch: config.values.arch });
    if (detected._tag !== 'Right' || seen.has(detected.right.type)) continue;
    const input = {
      snapshot: snapshot.right,
      config,
      os: detected.right,
      ...pveTestInputs(),
    };
    const planned = planSetup(input);
    if (planned._tag !== 'Right') continue;
    seen.add(detected.right.type);
    const plan = planned.right.operations;
    const options = { hostKeys: 'keep-existing', generateHostKey: fakeKeys };
    const apply = () => {
      const r = applyPlanToRootfs(rootfs, plan, options);
      if (r._tag !== 'Right') throw new Error(`${name}: ${r.left[0].message}`);
      return r.right;
    };
    const first = apply();
    const second = apply();
    // Change one planned file's mode by hand: the next apply must rewrite exactly that.
    const written = first.changed.find((o) => o.operation.op === 'write' && lstatSync(join(rootfs, o.path)).isFile());
    let third;
    if (written !== undefined) {
      const path = join(rootfs, written.path);
      chmodSync(path, (lstatSync(path).mode & 0o7777) ^ 0o004);
      third = apply();
    }
    const planUs = timeUs(() => planSetup({ ...input, random: drand48(0) }));
    const readUs = timeUs(() => readConfig(configText));
    const r = {
      case: name,
      family: detected.right.type,
      operations: plan.length,
      first: { mutations: first.mutations, changed: first.changed.length },
      second: { mutations: second.mutations, changed: second.changed.length },
      ...(third ? { afterChmod: { path: written.path, mutations: third.mutations, changed: third.changed.map((o) => `${o.path}: ${o.changes.join(',')}`) } } : {}),
      planUs,
      readConfigUs: readUs,
    };
    const ok = second.mutations === 0 && second.changed.length === 0 && (third === undefined || (third.changed.length === 1 && third.changed[0].path === written.path && third.changed[0].changes.join() === 'mode'));
    r.ok = ok;
    if (!ok) failed = true;
    results.push(r);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log(`\napply on a temp rootfs (post-create plan of one Proxmox setup case per family)\n`);
console.log('case'.padEnd(20) + 'family'.padEnd(11) + 'ops'.padStart(4) + '  1st: mut/chg' + '  2nd: mut/chg' + '  after chmod' + '   plan µs' + '   read µs' + '  ok');
for (const r of results) {
  console.log(
    r.case.padEnd(20) + r.family.padEnd(11) + String(r.operations).padStart(4) +
      `${r.first.mutations}/${r.first.changed}`.padStart(15) + `${r.second.mutations}/${r.second.changed}`.padStart(15) +
      (r.afterChmod ? `${r.afterChmod.mutations}/${r.afterChmod.changed.length}` : '-').padStart(13) +
      r.planUs.toFixed(1).padStart(10) + r.readConfigUs.toFixed(1).padStart(10) + `  ${r.ok ? 'yes' : 'NO'}`,
  );
}
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'apply.json'), JSON.stringify({ node: process.version, results }, null, 2) + '\n');
if (failed || results.length === 0) {
  console.error('apply: a second apply wrote something, or a hand-changed mode was not the only rewrite');
  process.exit(1);
}
