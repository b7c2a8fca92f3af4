/**
 * Crontab minute randomisation (spec §4.7): numeric-minute `root` lines of `/etc/crontab` and
 * `/etc/cron.d/*` get a minute drawn from the random source (the first consumer of the RNG).
 */
import type { RandomSource } from '../random/random-source.js';
import { perlLines } from './marked-section.js';
import type { PlanBuilder } from './plan-builder.js';

const ROOT_JOB =
  /^\d+([\t\n\v\f\r ]+[^\t\n\v\f\r ]+[\t\n\v\f\r ]+[^\t\n\v\f\r ]+[\t\n\v\f\r ]+[^\t\n\v\f\r ]+[\t\n\v\f\r ]+[^\t\n\v\f\r ]+[\t\n\v\f\r ]+root[\t\n\v\f\r ]+[^\t\n\v\f\r ][^\n]*)$/;

/** Rewrites one crontab's text, drawing one number per matching line. */
export function randomiseCrontabText(content: string, random: RandomSource): string {
  let out = '';
  for (const line of perlLines(content)) {
    const m = ROOT_JOB.exec(line);
    out += (m === null ? line : String(Math.floor(random.next() * 59)) + (m[1] as string)) + '\n';
  }
  return out;
}

/**
 * Randomises `/etc/crontab` (when a regular file) then every `/etc/cron.d` entry named
 * `[A-Za-z0-9_-]+`. Proxmox visits cron.d in readdir order; this uses byte-wise sorted order.
 */
export function randomiseCrontabs(b: PlanBuilder, random: RandomSource): void {
  const files: string[] = [];
  if (b.fileExists('/etc/crontab')) files.push('/etc/crontab');
  for (const name of b.listDirectory('/etc/cron.d')) {
    if (/^[A-Za-z0-9_-]+$/.test(name)) files.push(`/etc/cron.d/${name}`);
  }
  for (const file of files) {
    const content = b.getContents(file);
    if (content === undefined) return;
    b.setContents(
      file,
      randomiseCrontabText(content, random),
      'spread the start minutes of root cron jobs',
    );
  }
}
