/**
 * The `disk-size` format: `parse_size` (text → bytes), `format_size` (bytes → shortest exact unit)
 * and the numeric conversion Perl applies when a size that is still text gets printed.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { FormatResult } from './format-result.js';
import { perlNumberText } from '../perl/index.js';
import { scanDiskSize } from './format-scanners.js';

const SIZE_RE = /^([0-9]+(?:\.[0-9]+)?)(?:([KMGT])(?:iB)?)?\n?$/;
const UNIT_POWER: Readonly<Record<string, number>> = { K: 1, M: 2, G: 3, T: 4 };

/**
 * `parse_size`: `<number>[K|M|G|T][iB]` → bytes (× 1024 per unit step, truncated to an integer), or
 * `undefined` when the text is not a disk size. Exact up to 2^53 bytes (JS numbers; Perl is exact to
 * 2^64 for integral values).
 */
export function parseSize(value: string): number | undefined {
  const m = SIZE_RE.exec(value);
  if (m === null) return undefined;
  let size = Number(m[1]);
  const power = m[2] === undefined ? 0 : (UNIT_POWER[m[2]] as number);
  // Repeated × 1024 (exact for binary floating point), as Perl multiplies step by step.
  for (let i = 0; i < power; i++) size *= 1024;
  return Math.trunc(size);
}

/** `disk-size` format. */
export function verifyDiskSize(value: string): FormatResult {
  // `SIZE_RE` scanned by hand: `parseSize` fails exactly when it does not match.
  return !scanDiskSize(value)
    ? E.left(`value does not look like a valid disk size: ${value}\n`)
    : E.right(value);
}

/**
 * `format_size`: integer bytes → the largest unit that divides exactly (`1536` → `1536`,
 * `1073741824` → `1G`). Zero prints as `0T`, as in Proxmox.
 */
export function formatSize(bytes: number): string {
  const size = Math.trunc(bytes);
  const kb = Math.trunc(size / 1024);
  if (kb * 1024 !== size) return perlNumberText(size);
  const mb = Math.trunc(kb / 1024);
  if (mb * 1024 !== kb) return `${perlNumberText(kb)}K`;
  const gb = Math.trunc(mb / 1024);
  if (gb * 1024 !== mb) return `${perlNumberText(mb)}M`;
  const tb = Math.trunc(gb / 1024);
  if (tb * 1024 !== gb) return `${perlNumberText(gb)}G`;
  return `${perlNumberText(tb)}T`;
}

