// Apply scales (issue 12 item 9): a Debian rootfs (from shared/pve-tests/setup/test-debian-001) whose
// etc/hosts is SIZE_MB megabytes (default 20). Reports, in one run: the time and peak RSS of
// readRootfs + planSetup + applyPlanToRootfs, beside the baseline of reading the same files with
// fs.readFileSync. Goals: under 2 s, and peak memory growth under 5x the largest file.
// Run with --expose-gc for steadier memory figures: node --expose-gc bench/apply-scale.mjs [MB]
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
/* global setInterval, setImmediate, clearInterval -- Node timers (bench scripts run on Node) */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectOs, planSetup, readConfig } from '../dist/index.js';
import { applyPlanToRootfs, readRootfs } from '../dist/effects/index.js';
import { pveTestInputs } from './pve-test-mode.mjs';

const root = join(import.meta.dirname, '..');
const shared = process.env.PCTKIT_SHARED ?? join(root, '..', 'shared');
const sizeMb = Number(process.argv[2] ?? 20);
// --non-ascii: the first line carries an invalid UTF-8 byte (the file then decodes to a two-byte
// string in V8, twice the memory of an ASCII one).
const nonAscii = process.argv.includes('--non-ascii');
const scratch = mkdtempSync(join(tmpdir(), 'pctkit-apply-scale-'));

/** Peak RSS while `fn` runs, sampled every millisecond plus before and after. */
async function measure(fn) {
  globalThis.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 1);
  await new Promise((r) => setImmediate(r));
  const t0 = performance.now();
  const value = fn();
  const ms = performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(timer);
  return { ms, peakMb: (peak - base) / 2 ** 20, value };
}

try {
  const rootfs = join(scratch, 'rootfs');
  mkdirSync(rootfs);
  const src = join(shared, 'pve-tests', 'setup', 'test-debian-001');
  cpSync(src, rootfs, { recursive: true, verbatimSymlinks: true });
  rmSync(join(rootfs, 'config'), { force: true });
  for (const f of readdirSync(join(rootfs, 'etc'))) if (f.endsWith('.exp')) rmSync(join(rootfs, 'etc', f));
  // A large hosts file: many distinct lines (a blocklist), one invalid UTF-8 byte and a CR on the way.
  const line = (i) => `0.0.0.0 ad${i}.tracker${i % 977}.example.com\n`;
  const parts = [nonAscii ? '# blocklist \xff\r\n' : '# blocklist\r\n'];
  let size = 0;
  for (let i = 0; size < sizeMb * 2 ** 20; i++) {
    const l = line(i);
    parts.push(l);
    size += l.length;
  }
  writeFileSync(join(rootfs, 'etc', 'hosts'), Buffer.from(parts.join(''), 'latin1'));
  const configText = readFileSync(join(src, 'config'), 'utf8');
  const largest = statSync(join(rootfs, 'etc', 'hosts')).size;

  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) files.push(p);
    }
  };
  walk(rootfs);
  const baseline = await measure(() => files.reduce((n, f) => n + readFileSync(f).length, 0));

  const run = await measure(() => {
    const config = readConfig(configText).config.main;
    const snapshot = readRootfs(rootfs);
    if (snapshot._tag !== 'Right') throw new Error(snapshot.left[0].message);
    const os = detectOs(snapshot.right, { ostype: config.values.ostype });
    if (os._tag !== 'Right') throw new Error(os.left[0].message);
    const plan = planSetup({ snapshot: snapshot.right, config, os: os.right, ...pveTestInputs(), sshHostKeys: false });
    if (plan._tag !== 'Right') throw new Error(plan.left[0].message);
    const applied = applyPlanToRootfs(rootfs, plan.right.operations, { snapshot: snapshot.right });
    if (applied._tag !== 'Right') throw new Error(applied.left[0].message);
    return applied.right.changed.length;
  });
  const after = readFileSync(join(rootfs, 'etc', 'hosts'));
  const kept = after.subarray(0, largest).equals(Buffer.from(parts.join(''), 'latin1'));
  const mb = (n) => `${n.toFixed(1)} MB`;
  console.log(`\napply on a rootfs whose etc/hosts is ${mb(largest / 2 ** 20)} (${files.length} files)\n`);
  console.log(`readFileSync of the same files: ${baseline.ms.toFixed(0)} ms, peak +${mb(baseline.peakMb)}`);
  console.log(`read + plan + apply:            ${run.ms.toFixed(0)} ms, peak +${mb(run.peakMb)} (${run.value} changed)`);
  console.log(`ratio: ${(run.ms / baseline.ms).toFixed(1)}x the time, peak ${(run.peakMb / (largest / 2 ** 20)).toFixed(2)}x the largest file`);
  console.log(`hosts bytes before the PVE section kept: ${kept ? 'yes' : 'NO'}`);
  const ok = run.ms < 2000 && run.peakMb < 5 * (largest / 2 ** 20) && kept;
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(
    join(root, 'bench', 'results', `apply-scale${nonAscii ? '-non-ascii' : ''}.json`),
    JSON.stringify({ node: process.version, nonAscii, sizeMb: largest / 2 ** 20, baseline: { ms: baseline.ms, peakMb: baseline.peakMb }, run: { ms: run.ms, peakMb: run.peakMb }, kept, ok }, null, 2) + '\n',
  );
  if (!ok) {
    console.error('apply-scale: over 2 s, over 5x the largest file, or hosts bytes changed');
    process.exitCode = 1;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
