/**
 * The result of a named format's verifier: `Right(value)` when valid, otherwise `Left` with the exact
 * text Proxmox's verifier dies with, including the trailing `\n` of Perl's `die "…\n"`.
 */
import type { Either } from 'fp-ts/lib/Either.js';

/** `Right(value)` or `Left(<die text ending in "\n">)`. */
export type FormatResult = Either<string, string>;

/** A named simple format's verifier. */
export type FormatVerifier = (value: string) => FormatResult;
