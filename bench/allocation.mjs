// Bytes allocated per `decodeConfig(readConfig(text))` of the 1 KB corpus config, garbage included,
// from V8's sampling heap profiler with collected objects kept in the profile; beside the baseline
// scanner's, in the same run. Prints the total per call and the functions that allocate most.
import { Session } from 'node:inspector/promises';
import { decodeConfig, readConfig } from '../dist/index.js';
import { baselineScan } from './baseline-scan.mjs';
import { loadCorpus, oneKbConfig } from './cluster.mjs';

const corpus = loadCorpus();
const oneKb = oneKbConfig(corpus);

const CALLS = 20000;
const session = new Session();
session.connect();

/** Sampled bytes allocated per call of `fn`, and the top allocating functions. */
async function allocation(fn) {
  for (let i = 0; i < CALLS; i++) fn(); // warm up: compile before sampling
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 128,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let i = 0; i < CALLS; i++) fn();
  const { profile } = await session.post('HeapProfiler.stopSampling');
  const byFunction = new Map();
  let total = 0;
  const walk = (node) => {
    const name = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').slice(-2).join('/')}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + node.selfSize);
    total += node.selfSize;
    for (const child of node.children) walk(child);
  };
  walk(profile.head);
  const top = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 8);
  return { perCall: total / CALLS, top: top.map(([name, bytes]) => [name, bytes / CALLS]) };
}

let sink = 0;
const baseline = await allocation(() => { sink += baselineScan(oneKb).length; });
const decode = await allocation(() => { sink += decodeConfig(readConfig(oneKb)).diagnostics.length; });
console.log(`1 KB config (${Buffer.byteLength(oneKb)} B), ${CALLS} calls, sampled every 128 B:`);
console.log(`  read+decode: ${(decode.perCall / 1024).toFixed(1)} KB per call; baseline scanner: ${(baseline.perCall / 1024).toFixed(1)} KB (ratio ${(decode.perCall / baseline.perCall).toFixed(1)}x)`);
console.log('  read+decode, most allocating functions (bytes per call):');
for (const [name, bytes] of decode.top) console.log(`    ${bytes.toFixed(0).padStart(6)}  ${name}`);
if (sink === 0) console.log('');
