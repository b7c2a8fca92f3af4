/**
 * `startup` (`pve-startup-order`, not a property string): boot order and delays as a typed value,
 * and its text codec.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';
import { parseStartup } from '../schema/startup.js';
import type { ValueFailure } from './check-level.js';
import type { TextCodec } from './text-codec.js';
import { textCodec } from './text-codec.js';

/**
 * Boot order and delays, e.g. `{ order: 1, up: 30, down: 60 }` for `order=1,up=30,down=60`
 * (`up`/`down`: seconds to wait after starting / before stopping). `raw`: the text as found when
 * it is not the canonical print (`up=5,order=2`, `2`). Proxmox stores `startup` verbatim.
 */
export const StartupOrder = t.readonly(
  t.partial({ order: t.number, up: t.number, down: t.number, raw: t.string }),
  'StartupOrder',
);
/** Boot order and delays (see {@link StartupOrder}). */
export type StartupOrder = t.TypeOf<typeof StartupOrder>;

/** The canonical text: `order=N,up=N,down=N`, absent parts left out (Proxmox has no printer). */
export function printStartupCanonical(value: StartupOrder): string {
  const parts: string[] = [];
  if (value.order !== undefined) parts.push(`order=${value.order}`);
  if (value.up !== undefined) parts.push(`up=${value.up}`);
  if (value.down !== undefined) parts.push(`down=${value.down}`);
  return parts.join(',');
}

/** Decodes a `startup` value (Proxmox's `pve_parse_startup_order`). */
export function decodeStartup(text: string): Either<ValueFailure, StartupOrder> {
  const parsed = parseStartup(text);
  if (E.isLeft(parsed)) return E.left({ level: 'reader', message: parsed.left });
  const out: { order?: number; up?: number; down?: number; raw?: string } = {};
  if (parsed.right.order !== undefined) out.order = Number(parsed.right.order);
  if (parsed.right.up !== undefined) out.up = Number(parsed.right.up);
  if (parsed.right.down !== undefined) out.down = Number(parsed.right.down);
  if (printStartupCanonical(out) !== text) out.raw = text;
  return E.right(out);
}

/** The text to store: `raw` while it still decodes to the same fields, else the canonical text. */
export function startupText(value: StartupOrder): string {
  if (value.raw !== undefined) {
    const d = decodeStartup(value.raw);
    if (E.isRight(d) && printStartupCanonical(d.right) === printStartupCanonical(value)) return value.raw;
  }
  return printStartupCanonical(value);
}

/** Text codec of `startup` (encode keeps `raw` while it still matches, see `startupText`). */
export const startupCodec: TextCodec<StartupOrder> = textCodec('StartupOrderText', {
  is: StartupOrder.is,
  decode: decodeStartup,
  encode: startupText,
});
