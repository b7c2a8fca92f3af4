// Benchmarks of the built package (run `npm run bench`). Every figure is reported beside a baseline
// measured in the same run: a hand-written `split('\n')` line scanner that only splits each line
// into key and value. Results go to stdout and bench/results/latest.json.
//
// Issue 13's targets: read+write of the 1 KB config within 3x of the baseline scanner; 10,000
// configs read and decoded in under 0.25 s, peak memory under 150 MB.
// Issue 7's targets checked here: a 1 KB config read and decoded in at most 20 µs; 10,000 configs (a
// large cluster, bench/cluster.mjs) read and decoded in under 0.5 s on one core, with a peak memory
// under 200 MB (measured in child processes by bench/memory.mjs, beside the baseline scanner's).
//
// Method: every task starts on a collected heap (so no task pays for an earlier one's garbage), and
// the tasks on one 1 KB config time a batch of calls per sample (a single call of a few µs is
// within reach of the timer's own cost); their figures are per call: the mean over all batches, and
// the best batch. A batch's time includes the collections its own allocations cause.
import { Bench } from 'tinybench';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeConfig, parseDocument, printDocument, readConfig, writeConfig } from '../dist/index.js';
import { clusterConfigs, loadCorpus, oneKbConfig } from './cluster.mjs';
import { baselineScan } from './baseline-scan.mjs';

// A collected heap before every task needs `gc()`: run again with --expose-gc when it is missing.
if (typeof globalThis.gc !== 'function') {
  const r = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, import.meta.filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const root = join(import.meta.dirname, '..');
const corpus = loadCorpus();
const corpusBytes = corpus.reduce((n, t) => n + Buffer.byteLength(t), 0);

// A 10 MB synthetic file: the corpus' main sections over and over as snapshot sections.
let big = '';
for (let i = 0; big.length < 10 * 1024 * 1024; i++) {
  const body = corpus[i % corpus.length].split(/\n\[/)[0];
  big += `${i === 0 ? '' : '\n'}[snap${i}]\n${body}${body.endsWith('\n') ? '' : '\n'}`;
}
const bigBytes = Buffer.byteLength(big);

// The config closest to 1 KB.
const oneKb = oneKbConfig(corpus);
// The typed decode runs on the reader's result (the reader is measured on its own).
const oneKbRead = readConfig(oneKb);

// 10,000 distinct configs made from the corpus (see bench/cluster.mjs).
const cluster = clusterConfigs(corpus);
const clusterBytes = cluster.reduce((n, t) => n + Buffer.byteLength(t), 0);

let sink = 0;
/** Calls per sample of the tasks on one 1 KB config (their figures are per call). */
const BATCH = 100;
const batched = (fn) => () => {
  for (let i = 0; i < BATCH; i++) fn();
};
const tasks = {
  'baseline split scanner (corpus)': () => { for (const t of corpus) sink += baselineScan(t).length; },
  'lossless parse+print (corpus)': () => { for (const t of corpus) sink += printDocument(parseDocument(t)).length; },
  'read+canonical write (corpus)': () => { for (const t of corpus) sink += writeConfig(readConfig(t).config).right.length; },
  'baseline split scanner (10 MB)': () => { sink += baselineScan(big).length; },
  'lossless parse+print (10 MB)': () => { sink += printDocument(parseDocument(big)).length; },
  'read+canonical write (10 MB)': () => { sink += writeConfig(readConfig(big).config).right.length; },
  'baseline split scanner (1 KB config)': batched(() => { sink += baselineScan(oneKb).length; }),
  'lossless parse (1 KB config)': batched(() => { sink += parseDocument(oneKb).sections.length; }),
  'read+write (1 KB config)': batched(() => { sink += writeConfig(readConfig(oneKb).config).right.length; }),
  'read (1 KB config)': batched(() => { sink += readConfig(oneKb).diagnostics.length; }),
  'decode (1 KB config)': batched(() => { sink += decodeConfig(oneKbRead).diagnostics.length; }),
  'read+decode (1 KB config)': batched(() => { sink += decodeConfig(readConfig(oneKb)).diagnostics.length; }),
  'baseline split scanner (10,000 configs)': () => { for (const t of cluster) sink += baselineScan(t).length; },
  'read+decode (10,000 configs)': () => { for (const t of cluster) sink += decodeConfig(readConfig(t)).diagnostics.length; },
};

const bench = new Bench({ time: 1500, warmupTime: 300 });
for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn, { beforeAll: () => globalThis.gc() });
await bench.run();

const perSample = (name) => (name.includes('1 KB') ? BATCH : 1);
const mean = (name) => bench.getTask(name).result.latency.mean / perSample(name); // ms per call
const best = (name) => bench.getTask(name).result.latency.min / perSample(name); // ms per call: the best sample
const mbps = (name, bytes) => bytes / (1024 * 1024) / (mean(name) / 1000);
const report = {
  node: process.version,
  corpus: { files: corpus.length, bytes: corpusBytes },
  bigFile: { bytes: bigBytes },
  oneKbConfig: { bytes: Buffer.byteLength(oneKb) },
  cluster: { configs: cluster.length, bytes: clusterBytes },
  results: {},
};
const bytesOf = (name) =>
  name.includes('10 MB') ? bigBytes : name.includes('1 KB') ? Buffer.byteLength(oneKb) : name.includes('10,000') ? clusterBytes : corpusBytes;
for (const name of Object.keys(tasks)) {
  const bytes = bytesOf(name);
  report.results[name] = { meanMs: mean(name), minMs: best(name), MBps: mbps(name, bytes), usPer1KB: (mean(name) * 1000 * 1024) / bytes };
}
const ratio = (a, b) => mean(a) / mean(b);
// The machine may be shared: the best sample of each task is the steadier figure, so ratios of
// bests are reported too.
const bestRatio = (a, b) => best(a) / best(b);
const ratioPairs = {
  'lossless parse+print / baseline (corpus)': ['lossless parse+print (corpus)', 'baseline split scanner (corpus)'],
  'lossless parse+print / baseline (10 MB)': ['lossless parse+print (10 MB)', 'baseline split scanner (10 MB)'],
  'read+write / baseline (corpus)': ['read+canonical write (corpus)', 'baseline split scanner (corpus)'],
  'lossless parse / baseline (1 KB)': ['lossless parse (1 KB config)', 'baseline split scanner (1 KB config)'],
  'read / baseline (1 KB)': ['read (1 KB config)', 'baseline split scanner (1 KB config)'],
  'read+write / baseline (1 KB)': ['read+write (1 KB config)', 'baseline split scanner (1 KB config)'],
  'read+decode / baseline (1 KB)': ['read+decode (1 KB config)', 'baseline split scanner (1 KB config)'],
  'read+decode / baseline (10,000 configs)': ['read+decode (10,000 configs)', 'baseline split scanner (10,000 configs)'],
};
report.bestRatios = Object.fromEntries(Object.entries(ratioPairs).map(([k, [a, b]]) => [k, bestRatio(a, b)]));
report.ratios = {
  'lossless parse+print / baseline (corpus)': ratio('lossless parse+print (corpus)', 'baseline split scanner (corpus)'),
  'lossless parse+print / baseline (10 MB)': ratio('lossless parse+print (10 MB)', 'baseline split scanner (10 MB)'),
  'read+write / baseline (corpus)': ratio('read+canonical write (corpus)', 'baseline split scanner (corpus)'),
  'lossless parse / baseline (1 KB)': ratio('lossless parse (1 KB config)', 'baseline split scanner (1 KB config)'),
  'read / baseline (1 KB)': ratio('read (1 KB config)', 'baseline split scanner (1 KB config)'),
  'read+write / baseline (1 KB)': ratio('read+write (1 KB config)', 'baseline split scanner (1 KB config)'),
  'decode / lossless parse (1 KB)': ratio('decode (1 KB config)', 'lossless parse (1 KB config)'),
  'read+decode / baseline (1 KB)': ratio('read+decode (1 KB config)', 'baseline split scanner (1 KB config)'),
  'read+decode / baseline (10,000 configs)': ratio('read+decode (10,000 configs)', 'baseline split scanner (10,000 configs)'),
};

// Peak memory of the 10,000 configs, each mode in a fresh child process (no heap limit; the best of
// two runs), with /usr/bin/time's maximum resident set size when it is there.
function memoryRun(mode) {
  const script = join(root, 'bench', 'memory.mjs');
  const useTime = existsSync('/usr/bin/time');
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, script, mode], { encoding: 'utf8' })
    : spawnSync(process.execPath, [script, mode], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench/memory.mjs ${mode} failed:\n${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  if (m) out.maxRssMB = Number(m[1]) / 1024;
  return out;
}
function bestMemoryRun(mode) {
  const runs = [memoryRun(mode), memoryRun(mode)];
  return runs.reduce((a, b) => ((b.maxRssMB ?? b.peakRssMB) < (a.maxRssMB ?? a.peakRssMB) ? b : a));
}
report.memory = { decode: bestMemoryRun('decode'), baseline: bestMemoryRun('baseline') };

const us = (ms) => ms * 1000;
report.targets = {
  'read+decode 1 KB config, µs (target <= 20)': { mean: us(mean('read+decode (1 KB config)')), best: us(best('read+decode (1 KB config)')) },
  'read+write 1 KB config / baseline scanner, x (issue 13 target <= 3)': { mean: ratio('read+write (1 KB config)', 'baseline split scanner (1 KB config)'), best: bestRatio('read+write (1 KB config)', 'baseline split scanner (1 KB config)') },
  '10,000 configs read+decode, s (target < 0.5; issue 13: < 0.25)': { mean: mean('read+decode (10,000 configs)') / 1000, best: best('read+decode (10,000 configs)') / 1000 },
  '10,000 configs per config, µs': { mean: us(mean('read+decode (10,000 configs)')) / cluster.length, baseline: us(mean('baseline split scanner (10,000 configs)')) / cluster.length },
  '10,000 configs peak RSS, MB (target < 200; issue 13: < 150)': { decode: report.memory.decode.maxRssMB ?? report.memory.decode.peakRssMB, baseline: report.memory.baseline.maxRssMB ?? report.memory.baseline.peakRssMB },
  '10,000 configs peak heap used, MB': { decode: report.memory.decode.peakHeapUsedMB, baseline: report.memory.baseline.peakHeapUsedMB },
};

console.log(`node ${process.version}; corpus ${corpus.length} files, ${corpusBytes} B; synthetic ${bigBytes} B; 1 KB config ${Buffer.byteLength(oneKb)} B; cluster ${cluster.length} configs, ${clusterBytes} B\n`);
console.log('task'.padEnd(42) + 'mean'.padStart(14) + 'best'.padStart(14) + 'MB/s'.padStart(10) + 'µs/KB'.padStart(10));
for (const [name, r] of Object.entries(report.results)) {
  console.log(name.padEnd(42) + `${(r.meanMs * 1000).toFixed(1)} µs`.padStart(14) + `${(r.minMs * 1000).toFixed(1)} µs`.padStart(14) + r.MBps.toFixed(1).padStart(10) + r.usPer1KB.toFixed(2).padStart(10));
}
console.log('\nratios (time, lower is better): of means, and of bests');
for (const [name, r] of Object.entries(report.ratios)) {
  const b = report.bestRatios[name];
  console.log(`  ${name}: ${r.toFixed(2)}x${b === undefined ? '' : `, best ${b.toFixed(2)}x`}`);
}
console.log('\nissue 7 targets:');
for (const [name, r] of Object.entries(report.targets)) {
  console.log(`  ${name}: ${Object.entries(r).map(([k, v]) => `${k} ${v.toFixed(v < 1 ? 3 : 1)}`).join(', ')}`);
}
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'latest.json'), JSON.stringify(report, null, 2) + '\n');
if (sink === 0) console.log('');
