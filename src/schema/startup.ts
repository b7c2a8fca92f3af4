/**
 * The `startup` value (`pve-startup-order`): not a property string, it has its own parser.
 * `[order=]<n>`, `up=<n>`, `down=<n>` separated by commas; a later duplicate wins.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import { isPerlBlank, isPerlTrue, perlSplit } from '../perl/index.js';
import type { FormatResult } from './format-result.js';

/** A parsed `startup` value; numbers stay the digit strings given (`order=01` → `"01"`). */
export interface StartupOrder {
  readonly order?: string;
  readonly up?: string;
  readonly down?: string;
}

const ORDER_RE = /^(?:order=)?([0-9]+)\n?$/;
const UP_RE = /^up=([0-9]+)\n?$/;
const DOWN_RE = /^down=([0-9]+)\n?$/;

/** The one error Proxmox reports for any bad `startup` value. */
export const STARTUP_ERROR = 'unable to parse startup options\n';

/**
 * `pve_parse_startup_order`: `Left(STARTUP_ERROR)` for an empty value, the value `0` (Perl-falsy) or
 * any part that is not `[order=]<digits>`, `up=<digits>` or `down=<digits>`. Blank parts are skipped.
 */
export function parseStartup(value: string): Either<string, StartupOrder> {
  if (!isPerlTrue(value)) return E.left(STARTUP_ERROR);
  const res: { order?: string; up?: string; down?: string } = {};
  for (const part of perlSplit(value, ',')) {
    if (isPerlBlank(part)) continue;
    let m: RegExpExecArray | null;
    if ((m = ORDER_RE.exec(part)) !== null) res.order = m[1] as string;
    else if ((m = UP_RE.exec(part)) !== null) res.up = m[1] as string;
    else if ((m = DOWN_RE.exec(part)) !== null) res.down = m[1] as string;
    else return E.left(STARTUP_ERROR);
  }
  return E.right(res);
}

/** `pve-startup-order` format: the value itself when {@link parseStartup} accepts it. */
export function verifyStartupOrder(value: string): FormatResult {
  return E.map(() => value)(parseStartup(value));
}
