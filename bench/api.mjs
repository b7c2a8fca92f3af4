// Benchmarks of pctkit/api on the built package (`npm run build` first): `planApiUpdate` on two
// realistic configs (issue 16's target: under 50 µs), beside the baseline scanner of bench/run.mjs
// on the same two texts, measured in the same run; plus the GET view and `pct config` text of one
// config, and the size of the browser bundle of the pure core with the API module (target: under
// 60 KB gzip). Results go to stdout.
import { Bench } from 'tinybench';
import { build } from 'esbuild';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { getConfigData, pctConfigText, planApiUpdate } from '../dist/api/index.js';
import { baselineScan } from './baseline-scan.mjs';
import { loadCorpus, oneKbConfig } from './cluster.mjs';

const root = join(import.meta.dirname, '..');
const requireFromRoot = createRequire(join(root, 'package.json'));
const corpus = loadCorpus();
// A realistic container: the corpus config closest to 1 KB (as bench/run.mjs picks it).
const current = oneKbConfig(corpus);
// What a provisioner wants instead: more memory, another hostname, a changed first NIC given
// without hwaddr, a new description and tags, swap dropped.
const desired = current
  .split('\n[')[0]
  .replace(/^memory: .*$/m, 'memory: 4096')
  .replace(/^hostname: .*$/m, 'hostname: renamed')
  .replace(/^net0: .*$/m, 'net0: name=eth0,bridge=vmbr1,ip=dhcp,firewall=1')
  .replace(/^swap: .*\n/m, '')
  .concat('tags: web;prod\n', '#managed by a provisioner\n');
const dataA = getConfigData(current).right;
const dataB = getConfigData(desired).right;

let sink = 0;
const BATCH = 100;
const batched = (fn) => () => {
  for (let i = 0; i < BATCH; i++) fn();
};
const tasks = {
  'baseline split scanner (both configs)': batched(() => {
    sink += baselineScan(current).length + baselineScan(desired).length;
  }),
  'planApiUpdate (config texts)': batched(() => {
    sink += Object.keys(planApiUpdate(current, desired).params).length;
  }),
  'planApiUpdate (GET data objects)': batched(() => {
    sink += Object.keys(planApiUpdate(dataA, dataB).params).length;
  }),
  'getConfigData (one config)': batched(() => {
    sink += Object.keys(getConfigData(current).right).length;
  }),
  'pctConfigText (one config)': batched(() => {
    sink += pctConfigText(current).right.length;
  }),
};
const bench = new Bench({ time: 1500, warmupTime: 300 });
for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
await bench.run();

const us = (name, stat) => (bench.getTask(name).result.latency[stat] * 1000) / BATCH;
const baseline = 'baseline split scanner (both configs)';
console.log(`node ${process.version}; configs of ${current.length} and ${desired.length} bytes`);
for (const name of Object.keys(tasks)) {
  console.log(
    `${name.padEnd(40)} mean ${us(name, 'mean').toFixed(2).padStart(8)} µs  best ${us(name, 'min').toFixed(2).padStart(8)} µs  ` +
      `× baseline ${(us(name, 'mean') / us(baseline, 'mean')).toFixed(1)}`,
  );
}
const plan = us('planApiUpdate (config texts)', 'mean');
console.log(
  `planApiUpdate target < 50 µs: ${plan < 50 ? 'met' : 'MISSED'} (${plan.toFixed(1)} µs)`,
);

// The browser bundle of the pure core with the API module, minified, as a page would load it:
// everything the root exports plus all of pctkit/api (the worst case: a page that imports a few
// names gets less). The setup planners are `pctkit/setup`, not the root; the same bundle with them
// (everything pure a page could import but `pctkit/start`, `storage` and `create`) is shown too. Bundlers follow package.json's `browser` field to the ES module builds of
// fp-ts and io-ts, which they can tree-shake; the same bundle with that field ignored is shown
// beside it. The playground's own bundle (the page and the parts of the core it uses) is the third.
const bundleGzipKb = async (options) => {
  const out = await build({
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    logLevel: 'silent',
    ...options,
  });
  const bytes = out.outputFiles[0].contents;
  return { kb: bytes.length / 1024, gzipKb: gzipSync(bytes).length / 1024 };
};
const coreAndApi = {
  stdin: {
    contents: "export * from './src/index.ts';\nexport * as api from './src/api/index.ts';\n",
    resolveDir: root,
    loader: 'ts',
  },
};
// Ignoring the `browser` field: resolve fp-ts/io-ts `lib/` imports as written.
const ignoreBrowserField = {
  name: 'ignore-browser-field',
  setup(b) {
    b.onResolve({ filter: /^(fp-ts|io-ts)\/lib\// }, (a) => ({
      path: requireFromRoot.resolve(a.path),
    }));
  },
};
const full = await bundleGzipKb(coreAndApi);
const withSetup = await bundleGzipKb({
  stdin: {
    ...coreAndApi.stdin,
    contents: coreAndApi.stdin.contents + "export * as setup from './src/setup/index.ts';\n",
  },
});
const withoutField = await bundleGzipKb({ ...coreAndApi, plugins: [ignoreBrowserField] });
const page = await bundleGzipKb({
  entryPoints: [join(root, 'docs/playground/playground.ts')],
  define: { PLAYGROUND_EXAMPLES: '[]' },
});
const kb = (b) => `${b.kb.toFixed(1)} KB, ${b.gzipKb.toFixed(1)} KB gzip`;
console.log(
  `browser bundle, whole root + pctkit/api (minified): ${kb(full)}; target < 60 KB gzip: ${full.gzipKb < 60 ? 'met' : 'MISSED'}`,
);
console.log(`  the same, bundler ignoring the browser field:      ${kb(withoutField)}`);
console.log(`  the same + pctkit/setup (the setup planners):      ${kb(withSetup)}`);
console.log(`  the playground page (core + api parts it uses):   ${kb(page)}`);
if (sink === -1) console.log(sink);
