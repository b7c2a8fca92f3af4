// Apply scales (issue 12 item 9): a Debian rootfs (from shared/pve-tests/setup/test-debian-001) whose
// etc/hosts is SIZE_MB megabytes (default 20). Reports: the time and peak RSS (the kernel's
// high-water mark, see measure) of readRootfs + planSetup + applyPlanToRootfs, beside the baseline
// of reading the same files with fs.readFileSync, measured the same way. Goals: under 2 s, and peak
// memory growth under 5x the largest file.
// Run with --expose-gc for steadier memory figures:
//   node --expose-gc bench/apply-scale.mjs [MB] [--non-ascii]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectOs, readConfig } from '../dist/index.js';
import { planSetup } from '../dist/setup/index.js';
import { applyPlanToRootfs, readRootfs } from '../dist/effects/index.js';
import { pveTestInputs } from './pve-test-mode.mjs';

const root = join(import.meta.dirname, '..');
const shared = process.env.PCTKIT_SHARED ?? join(root, '..', 'shared');

/*
 * Each measurement runs in a fresh child process (this script with --measure), and its peak is the
 * kernel's high-water mark of that process's RSS (VmHWM in /proc/self/status), reset to the current
 * RSS right before the measured work by writing 5 to /proc/self/clear_refs (Linux 4.0+). RSS counts
 * the V8 heap and the Buffers outside it alike.
 *
 * An earlier version sampled process.memoryUsage().rss with a 1 ms timer in this process. The work
 * is synchronous, so the timer never fired during it: the "peak" was the RSS after the run, which
 * misses whatever was freed before the end. And in a process that had just built and dropped the
 * 20 MB test file, allocations could reuse memory the allocator still held, so the same readFileSync
 * showed +20 MB in one run and +0 MB in the next.
 */
const statusBytes = (field) => {
  const m = new RegExp(`^${field}:\\s*(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  return m === null ? undefined : Number(m[1]) * 1024;
};

function resetPeak() {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return statusBytes('VmHWM') !== undefined;
  } catch {
    return false;
  }
}

/** The work measured: `baseline` (readFileSync of the files) or `run` (read + plan + apply). */
function work(kind, rootfs, configText) {
  if (kind === 'baseline') {
    const files = readdirSync(rootfs, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
    return () => files.reduce((n, f) => n + readFileSync(f).length, 0);
  }
  return () => {
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
  };
}

/** In the child: the time and peak RSS growth of the synchronous work, printed as JSON. */
function measureHere(kind, rootfs, configPath) {
  const fn = work(kind, rootfs, readFileSync(configPath, 'utf8'));
  globalThis.gc?.();
  const exact = resetPeak();
  const base = exact ? statusBytes('VmHWM') : process.memoryUsage().rss;
  const t0 = performance.now();
  const value = fn();
  const ms = performance.now() - t0;
  // Without a resettable high-water mark, only the RSS after the run is known (a lower bound).
  const peak = exact ? statusBytes('VmHWM') : Math.max(base, process.memoryUsage().rss);
  console.log(JSON.stringify({ ms, peakMb: (peak - base) / 2 ** 20, exact, value }));
}

/** In the parent: one measurement in a fresh process with the same Node flags. */
function measure(kind, rootfs, configPath) {
  const args = [...process.execArgv, import.meta.filename, '--measure', kind, rootfs, configPath];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`apply-scale --measure ${kind} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function main() {
  const sizeMb = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 20);
  // --non-ascii: the first line carries an invalid UTF-8 byte (the file then decodes to a two-byte
  // string in V8, twice the memory of an ASCII one).
  const nonAscii = process.argv.includes('--non-ascii');
  const scratch = mkdtempSync(join(tmpdir(), 'pctkit-apply-scale-'));
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
    const original = Buffer.from(parts.join(''), 'latin1');
    writeFileSync(join(rootfs, 'etc', 'hosts'), original);
    const largest = statSync(join(rootfs, 'etc', 'hosts')).size;
    const files = readdirSync(rootfs, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());

    const baseline = measure('baseline', rootfs, join(src, 'config'));
    const run = measure('run', rootfs, join(src, 'config'));

    const after = readFileSync(join(rootfs, 'etc', 'hosts'));
    const kept = after.subarray(0, largest).equals(original);
    const mb = (n) => `${n.toFixed(1)} MB`;
    console.log(`\napply on a rootfs whose etc/hosts is ${mb(largest / 2 ** 20)} (${files.length} files)\n`);
    console.log(`readFileSync of the same files: ${baseline.ms.toFixed(0)} ms, peak +${mb(baseline.peakMb)}`);
    console.log(`read + plan + apply:            ${run.ms.toFixed(0)} ms, peak +${mb(run.peakMb)} (${run.value} changed)`);
    console.log(`ratio: ${(run.ms / baseline.ms).toFixed(1)}x the time, peak ${(run.peakMb / (largest / 2 ** 20)).toFixed(2)}x the largest file`);
    console.log(`hosts bytes before the PVE section kept: ${kept ? 'yes' : 'NO'}`);
    if (!run.exact) console.log('(no /proc/self/clear_refs here: the peaks are the RSS after each run, a lower bound)');
    const ok = run.ms < 2000 && run.peakMb < 5 * (largest / 2 ** 20) && kept;
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    writeFileSync(
      join(root, 'bench', 'results', `apply-scale${nonAscii ? '-non-ascii' : ''}.json`),
      JSON.stringify(
        {
          node: process.version,
          nonAscii,
          sizeMb: largest / 2 ** 20,
          peakMeasure: run.exact ? 'VmHWM (child process)' : 'RSS after (child process)',
          baseline: { ms: baseline.ms, peakMb: baseline.peakMb },
          run: { ms: run.ms, peakMb: run.peakMb },
          kept,
          ok,
        },
        null,
        2,
      ) + '\n',
    );
    if (!ok) {
      console.error('apply-scale: over 2 s, over 5x the largest file, or hosts bytes changed');
      process.exitCode = 1;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--measure') measureHere(process.argv[3], process.argv[4], process.argv[5]);
else main();
