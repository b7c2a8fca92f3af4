/**
 * The kernel's CPU list format (`0-3,8`), as the cpuset files hold it and as the LXC config takes
 * it, and the random choice of CPUs for `cores` (PVE's `CpuSet`).
 */
import type { RandomSource } from '../random/random-source.js';
import { perlRandInt } from '../random/random-source.js';

/**
 * The highest CPU id considered (PVE's `CpuSet` bounds ids the same way): keeps a corrupt fact
 * such as `0-4000000000` from allocating billions of entries.
 */
export const MAX_CPU_ID = 8191;

/** The CPU ids of a list (`0-3,8` → 0,1,2,3,8), ascending, each once; malformed items are skipped. */
export function parseCpuList(text: string): number[] {
  const present = new Set<number>();
  for (const raw of text.split(',')) {
    const item = raw.trim();
    const m = /^(\d+)(?:-(\d+))?$/.exec(item);
    if (m === null) continue;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Math.min(Number(m[2]), MAX_CPU_ID);
    for (let id = from; id <= to && id <= MAX_CPU_ID; id++) present.add(id);
  }
  return [...present].sort((a, b) => a - b);
}

/** A sorted id list in the kernel's format: runs of consecutive ids as `a-b` (`0-2,5`). */
export function printCpuList(ids: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ids.length;) {
    let j = i;
    while (j + 1 < ids.length && (ids[j + 1] as number) === (ids[j] as number) + 1) j++;
    parts.push(j === i ? String(ids[i]) : `${ids[i]}-${ids[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/**
 * Keeps `cores` of the ids: while more remain, removes the `floor(r × n)`-th of the `n` remaining,
 * `r` the next number of `random` (Perl's `rand`, so a seeded drand48 reproduces Proxmox's pick).
 */
export function chooseCpus(ids: readonly number[], cores: number, random: RandomSource): number[] {
  const left = [...ids];
  while (left.length > cores) left.splice(perlRandInt(random, left.length), 1);
  return left;
}
