// Peak memory of reading and decoding the 10,000 cluster configs (bench/cluster.mjs), run by
// bench/run.mjs in a child process per mode (no heap limit), beside the baseline scanner in a child
// of its own. Every result is kept alive until the end (as an inventory of the cluster would), and
// the peak of `process.memoryUsage()` is sampled every 250 configs. Prints one JSON line.
//   node bench/memory.mjs decode|baseline
import { clusterConfigs, loadCorpus } from './cluster.mjs';
import { baselineScan } from './baseline-scan.mjs';

const mode = process.argv[2] ?? 'decode';
const { decodeConfig, readConfig } = await import('../dist/index.js');

const texts = clusterConfigs(loadCorpus());
globalThis.gc?.();
const start = process.memoryUsage();
let peakRss = start.rss;
let peakHeap = start.heapUsed;
const sample = () => {
  const m = process.memoryUsage();
  if (m.rss > peakRss) peakRss = m.rss;
  if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
};
const kept = new Array(texts.length);
const t0 = process.hrtime.bigint();
for (let i = 0; i < texts.length; i++) {
  kept[i] = mode === 'baseline' ? baselineScan(texts[i]) : decodeConfig(readConfig(texts[i]));
  if (i % 250 === 0) sample();
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
sample();
const MB = 1024 * 1024;
console.log(
  JSON.stringify({
    mode,
    configs: kept.length,
    seconds,
    startRssMB: start.rss / MB,
    startHeapMB: start.heapUsed / MB,
    peakRssMB: peakRss / MB,
    peakHeapUsedMB: peakHeap / MB,
  }),
);
