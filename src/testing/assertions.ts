/**
 * Round-trip assertions for test harnesses: they throw a {@link RoundTripAssertionError} whose
 * message holds a unified diff of the expected and the actual text, so a failure reads the same in
 * vitest, jest, mocha or `node:test`.
 */
import * as E from 'fp-ts/lib/Either.js';
import { parseDocument, printDocument } from '../config/document.js';
import { readConfig } from '../config/reader.js';
import { writeConfig } from '../config/writer.js';
import { unifiedDiff } from '../text/unified-diff.js';

/**
 * Thrown by the round-trip assertions. Shaped like Node's `AssertionError` (`name`, `code`,
 * `actual`, `expected`, `operator`) so test runners report it as a failed assertion; the message
 * already holds the diff, so `showDiff` is false (runners that honour it do not print a second one).
 */
export class RoundTripAssertionError extends Error {
  override readonly name = 'AssertionError';
  readonly code = 'ERR_ASSERTION';
  readonly generatedMessage = false;
  readonly operator = 'strictEqual';
  readonly showDiff = false;
  constructor(
    message: string,
    /** The text the round trip produced. */
    readonly actual: string,
    /** The text it should have produced (the input). */
    readonly expected: string,
  ) {
    super(message);
  }
}

/** Shows control characters that a diff would hide: `\r`, tabs and other C0 characters. */
function visible(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (ch === '\n') out += ch;
    else if (ch === '\r') out += '\u240d';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out;
}

function describeDifference(title: string, expected: string, actual: string, fromLabel: string, toLabel: string): string {
  const hidden = visible(expected) !== expected || visible(actual) !== actual;
  // Carriage returns and other control characters are shown (CR as ␍) when either side has them.
  const shown = hidden ? unifiedDiff(visible(expected), visible(actual), fromLabel, toLabel) : '';
  const diff = shown !== '' ? shown : unifiedDiff(expected, actual, fromLabel, toLabel);
  const literal =
    expected.length + actual.length <= 1000 ? `\nexpected: ${JSON.stringify(expected)}\nactual:   ${JSON.stringify(actual)}` : '';
  return `${title}\n\n${diff}${literal}`;
}

/**
 * Asserts the lossless round trip: `printDocument(parseDocument(text)) === text`, byte for byte.
 * Throws a {@link RoundTripAssertionError} with a unified diff (`--- input`, `+++ printed`) if not.
 */
export function assertLosslessRoundTrip(text: string): void {
  const printed = printDocument(parseDocument(text));
  if (printed !== text) {
    throw new RoundTripAssertionError(
      describeDifference('lossless round trip failed: printDocument(parseDocument(text)) differs from text', text, printed, 'input', 'printed'),
      printed,
      text,
    );
  }
}

/**
 * Asserts that `text` is canonical: `writeConfig(readConfig(text).config)` is `text` itself, i.e.
 * Proxmox would store the file unchanged. Throws a {@link RoundTripAssertionError} with a unified
 * diff (`--- input`, `+++ canonical`) when the writer would rewrite it, or naming the write error
 * when the config cannot be written at all.
 */
export function assertCanonical(text: string): void {
  const written = writeConfig(readConfig(text).config);
  if (E.isLeft(written)) {
    throw new RoundTripAssertionError(
      `canonical round trip failed: writeConfig rejected the config read from text: ${written.left[0].message} (${written.left[0].code} at ${JSON.stringify(written.left[0].path)})`,
      '',
      text,
    );
  }
  if (written.right !== text) {
    throw new RoundTripAssertionError(
      describeDifference('text is not canonical: writeConfig(readConfig(text).config) differs from text', text, written.right, 'input', 'canonical'),
      written.right,
      text,
    );
  }
}
