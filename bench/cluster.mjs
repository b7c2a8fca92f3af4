// A large cluster's worth of configs: 10,000 distinct, realistic config texts made from the corpus
// (shared/corpus/pve-lxc-configs) by giving each copy its own vmid, hostname, MAC addresses, IPv4
// addresses and disk names, so that no two texts (and few values) are identical.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

/** The corpus texts, sorted by file name. */
export function loadCorpus() {
  const shared = process.env.PCTKIT_SHARED ?? join(root, '..', 'shared');
  const dir = join(shared, 'corpus', 'pve-lxc-configs');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.conf'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

/** The realistic config the single-config benches use: the corpus text closest to 1 KB (075.conf). */
export function oneKbConfig(corpus) {
  return corpus.reduce((best, t) => (Math.abs(t.length - 1024) < Math.abs(best.length - 1024) ? t : best));
}

const hex2 = (n) => (n & 0xff).toString(16).toUpperCase().padStart(2, '0');

/** Config `i` of the cluster: corpus text `i mod n` with its identity rewritten for container `vmid`. */
export function clusterConfig(corpus, i) {
  const vmid = 1000 + i;
  let mac = 0;
  let ip = 0;
  return corpus[i % corpus.length]
    .replace(/^hostname: .*$/gm, `hostname: ct-${vmid}.cluster.example`)
    .replace(/\b(vm|subvol|base)-\d+-disk-(\d+)/g, (_m, kind, disk) => `${kind}-${vmid}-disk-${disk}`)
    .replace(/hwaddr=[0-9A-Fa-f:]{17}/g, () => `hwaddr=BC:24:${hex2(vmid >> 8)}:${hex2(vmid)}:${hex2(i >> 4)}:${hex2(mac++ * 2)}`)
    .replace(/\bip=(\d+)\.(\d+)\.\d+\.\d+\/(\d+)/g, (_m, a, b, prefix) => `ip=${a}.${b}.${(vmid >> 8) & 0xff}.${(vmid + ip++) & 0xff}/${prefix}`);
}

/** The 10,000 configs (or `count`). */
export function clusterConfigs(corpus, count = 10_000) {
  const out = new Array(count);
  for (let i = 0; i < count; i++) out[i] = clusterConfig(corpus, i);
  return out;
}
