/**
 * The one result shape of operations that can fail: an fp-ts `Either` whose left side is the
 * non-empty list of diagnostics that made it fail (errors, plus any warnings seen before), and whose
 * right side is the value. Warnings of a successful operation travel inside the value (a
 * `diagnostics` or `warnings` field), never on the left. `proxmoxTextOf(failure)` is what Proxmox
 * prints for it. (Hooks the caller implements, such as `PendingHost.freeVolume`, return
 * `Either<string, …>`: the text their storage dies with, which pctkit wraps in its own diagnostic.)
 *
 * ```ts
 * const r = planSomething(input);
 * if (E.isLeft(r)) for (const d of r.left) console.error(d.message);
 * else use(r.right);
 * ```
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js';
import type { Diagnostic } from './diagnostic.js';

/** At least one diagnostic, at least one of them an error. */
export type Failure<C extends string = string> = ReadonlyNonEmptyArray<Diagnostic<C>>;

/** The result of an operation that can fail. */
export type Result<A, C extends string = string> = E.Either<Failure<C>, A>;

/** A successful result. */
export function ok<A>(value: A): Result<A, never> {
  return E.right(value);
}

/** A failed result from one or more diagnostics. */
export function fail<C extends string>(
  first: Diagnostic<C>,
  ...rest: Diagnostic<C>[]
): Result<never, C> {
  return E.left([first, ...rest]);
}
