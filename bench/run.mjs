// Benchmarks of the built package (run `npm run bench`). Every figure is reported beside a baseline
// measured in the same run: a hand-written `split('\n')` line scanner that only splits each line
// into key and value. Results go to stdout and bench/results/latest.json.
import { Bench } from 'tinybench';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeConfig, parseDocument, printDocument, readConfig, writeConfig } from '../dist/index.js';

const root = join(import.meta.dirname, '..');
const shared = process.env.PCTKIT_SHARED ?? join(root, '..', 'shared');
const corpusDir = join(shared, 'corpus', 'pve-lxc-configs');
const corpus = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.conf'))
  .sort()
  .map((f) => readFileSync(join(corpusDir, f), 'utf8'));
const corpusBytes = corpus.reduce((n, t) => n + Buffer.byteLength(t), 0);

// A 10 MB synthetic file: the corpus' main sections over and over as snapshot sections.
let big = '';
for (let i = 0; big.length < 10 * 1024 * 1024; i++) {
  const body = corpus[i % corpus.length].split(/\n\[/)[0];
  big += `${i === 0 ? '' : '\n'}[snap${i}]\n${body}${body.endsWith('\n') ? '' : '\n'}`;
}
const bigBytes = Buffer.byteLength(big);

// The config closest to 1 KB.
const oneKb = corpus.reduce((best, t) => (Math.abs(t.length - 1024) < Math.abs(best.length - 1024) ? t : best));
// The typed decode runs on the reader's result (the reader is measured on its own).
const oneKbRead = readConfig(oneKb);

/** Baseline: split lines, split each at the first ':' or '='. */
function baselineScan(text) {
  const lines = text.split('\n');
  const out = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const c = line.indexOf(':');
    out[i] = c === -1 ? [line] : [line.slice(0, c), line.slice(c + 1).trim()];
  }
  return out;
}

let sink = 0;
const tasks = {
  'baseline split scanner (corpus)': () => { for (const t of corpus) sink += baselineScan(t).length; },
  'lossless parse+print (corpus)': () => { for (const t of corpus) sink += printDocument(parseDocument(t)).length; },
  'read+canonical write (corpus)': () => { for (const t of corpus) sink += writeConfig(readConfig(t).config).right.length; },
  'baseline split scanner (10 MB)': () => { sink += baselineScan(big).length; },
  'lossless parse+print (10 MB)': () => { sink += printDocument(parseDocument(big)).length; },
  'read+canonical write (10 MB)': () => { sink += writeConfig(readConfig(big).config).right.length; },
  'baseline split scanner (1 KB config)': () => { sink += baselineScan(oneKb).length; },
  'lossless parse (1 KB config)': () => { sink += parseDocument(oneKb).sections.length; },
  'read (1 KB config)': () => { sink += readConfig(oneKb).diagnostics.length; },
  'decode (1 KB config)': () => { sink += decodeConfig(oneKbRead).diagnostics.length; },
};

const bench = new Bench({ time: 1500, warmupTime: 300 });
for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
await bench.run();

const mean = (name) => bench.getTask(name).result.latency.mean; // ms
const mbps = (name, bytes) => bytes / (1024 * 1024) / (mean(name) / 1000);
const report = {
  node: process.version,
  corpus: { files: corpus.length, bytes: corpusBytes },
  bigFile: { bytes: bigBytes },
  oneKbConfig: { bytes: Buffer.byteLength(oneKb) },
  results: {},
};
for (const name of Object.keys(tasks)) {
  const bytes = name.includes('10 MB') ? bigBytes : name.includes('1 KB') ? Buffer.byteLength(oneKb) : corpusBytes;
  report.results[name] = { meanMs: mean(name), MBps: mbps(name, bytes), usPer1KB: (mean(name) * 1000 * 1024) / bytes };
}
const ratio = (a, b) => mean(a) / mean(b);
report.ratios = {
  'lossless parse+print / baseline (corpus)': ratio('lossless parse+print (corpus)', 'baseline split scanner (corpus)'),
  'lossless parse+print / baseline (10 MB)': ratio('lossless parse+print (10 MB)', 'baseline split scanner (10 MB)'),
  'read+write / baseline (corpus)': ratio('read+canonical write (corpus)', 'baseline split scanner (corpus)'),
  'lossless parse / baseline (1 KB)': ratio('lossless parse (1 KB config)', 'baseline split scanner (1 KB config)'),
  'read / baseline (1 KB)': ratio('read (1 KB config)', 'baseline split scanner (1 KB config)'),
  'decode / lossless parse (1 KB)': ratio('decode (1 KB config)', 'lossless parse (1 KB config)'),
};

console.log(`node ${process.version}; corpus ${corpus.length} files, ${corpusBytes} B; synthetic ${bigBytes} B; 1 KB config ${Buffer.byteLength(oneKb)} B\n`);
console.log('task'.padEnd(42) + 'mean'.padStart(12) + 'MB/s'.padStart(10) + 'µs/KB'.padStart(10));
for (const [name, r] of Object.entries(report.results)) {
  console.log(name.padEnd(42) + `${(r.meanMs * 1000).toFixed(1)} µs`.padStart(12) + r.MBps.toFixed(1).padStart(10) + r.usPer1KB.toFixed(2).padStart(10));
}
console.log('\nratios (time, lower is better):');
for (const [name, r] of Object.entries(report.ratios)) console.log(`  ${name}: ${r.toFixed(2)}x`);
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'latest.json'), JSON.stringify(report, null, 2) + '\n');
if (sink === 0) console.log('');
