/**
 * Classifies one line of a config file by Proxmox's rules (spec §1.2), in their order; the first
 * rule that matches wins. This is the fast path used by the document parser; `line-grammar.ts`
 * states the same rules as parsimmon combinators (for error descriptions) and the tests check that
 * both agree.
 */
import { PERL_SPACE, isPerlSpace, perlTrimEnd, skipPerlSpace } from '../perl/index.js';

/** What a line is, by the rule that matched it. Columns are 1-based (UTF-16 code units). */
export type LineContent =
  | { readonly kind: 'blank' }
  | { readonly kind: 'section'; readonly name: string; readonly pending: boolean }
  | { readonly kind: 'comment'; readonly text: string }
  | {
      readonly kind: 'lxc';
      readonly key: string;
      readonly separator: ':' | '=';
      readonly value: string;
      readonly valueColumn: number;
    }
  | { readonly kind: 'description'; readonly value: string; readonly valueColumn: number }
  | { readonly kind: 'snapstate'; readonly value: 'prepare' | 'delete'; readonly valueColumn: number }
  | { readonly kind: 'delete'; readonly value: string; readonly valueColumn: number }
  | { readonly kind: 'property'; readonly key: string; readonly value: string; readonly valueColumn: number }
  | { readonly kind: 'invalid' };

const PENDING_HEADER = new RegExp(`^\\[pve:pending\\]${PERL_SPACE}*$`, 'i');
const SNAPSHOT_HEADER = new RegExp(`^\\[([a-z][a-z0-9_-]+)\\]${PERL_SPACE}*$`, 'i');

const BLANK_LINE: LineContent = { kind: 'blank' };
const INVALID_LINE: LineContent = { kind: 'invalid' };

/**
 * The value after `from` as `\s*(.*\S)\s*$` takes it: undefined when there is no non-blank
 * character. Returns the value and its 1-based column.
 */
function trimmedValue(raw: string, from: number): { value: string; column: number } | undefined {
  const i = skipPerlSpace(raw, from);
  if (i === raw.length) return undefined;
  return { value: raw.slice(i, perlTrimEnd(raw, i)), column: i + 1 };
}

/** Classifies one raw line (without its `\n`). */
export function classifyLine(raw: string): LineContent {
  return classify(raw, 0, 0, false);
}

/**
 * Classifies one raw line and returns it with its position (`{ line, offset, raw, newline,
 * ...classifyLine(raw) }`, built in one step).
 */
export function classifyLineAt(raw: string, line: number, offset: number, newline: boolean): PositionedLine {
  return classify(raw, line, offset, newline) as PositionedLine;
}

/** A classified line with its position (the document's `DocumentLine`). */
type PositionedLine = LineContent & { readonly line: number; readonly offset: number; readonly raw: string; readonly newline: boolean };

/** The classification of `raw`; with its position when `line` is not 0. */
function classify(raw: string, line: number, offset: number, newline: boolean): LineContent | PositionedLine {
  const n = raw.length;
  if (n === 0) return line === 0 ? BLANK_LINE : { line, offset, raw, newline, kind: 'blank' };
  const c0 = raw.charCodeAt(0);
  // Rule 1: blank. Only a line that starts with whitespace can be blank.
  if (isPerlSpace(c0) && skipPerlSpace(raw, 0) === n) return line === 0 ? BLANK_LINE : { line, offset, raw, newline, kind: 'blank' };
  if (c0 === 0x5b /* [ */) {
    if (PENDING_HEADER.test(raw)) {
      return line === 0
        ? { kind: 'section', name: 'pve:pending', pending: true }
        : { line, offset, raw, newline, kind: 'section', name: 'pve:pending', pending: true };
    }
    const m = SNAPSHOT_HEADER.exec(raw);
    if (m) {
      const name = m[1] as string;
      return line === 0 ? { kind: 'section', name, pending: false } : { line, offset, raw, newline, kind: 'section', name, pending: false };
    }
  } else if (c0 === 0x23 /* # */) {
    const text = raw.slice(1);
    return line === 0 ? { kind: 'comment', text } : { line, offset, raw, newline, kind: 'comment', text };
  } else if (c0 === 0x6c /* l */ && raw.startsWith('lxc.')) {
    // `^(lxc\.[a-z0-9_.-]+)(:|\s*=)\s*(.*?)\s*$`
    const keyEnd = lxcKeyEnd(raw);
    if (keyEnd !== -1) {
      const key = raw.slice(0, keyEnd);
      let i = keyEnd;
      let separator: ':' | '=' | undefined;
      if (raw.charCodeAt(i) === 0x3a /* : */) separator = ':';
      else {
        i = skipPerlSpace(raw, i);
        if (raw.charCodeAt(i) === 0x3d /* = */) separator = '=';
      }
      if (separator !== undefined) {
        const start = skipPerlSpace(raw, i + 1);
        const value = raw.slice(start, perlTrimEnd(raw, start));
        const valueColumn = start + 1;
        return line === 0
          ? { kind: 'lxc', key, separator, value, valueColumn }
          : { line, offset, raw, newline, kind: 'lxc', key, separator, value, valueColumn };
      }
    }
  } else if (c0 === 0x64 /* d */ && raw.startsWith('description:')) {
    const v = trimmedValue(raw, 12);
    if (v) {
      return line === 0
        ? { kind: 'description', value: v.value, valueColumn: v.column }
        : { line, offset, raw, newline, kind: 'description', value: v.value, valueColumn: v.column };
    }
  }
  // Rule 7 is not anchored at the start: any remaining line that ends in `snapstate: prepare|delete`.
  const snapstate = snapstateAtEnd(raw);
  if (snapstate) {
    return line === 0
      ? { kind: 'snapstate', value: snapstate.value, valueColumn: snapstate.valueColumn }
      : { line, offset, raw, newline, kind: 'snapstate', value: snapstate.value, valueColumn: snapstate.valueColumn };
  }
  if (c0 === 0x64 /* d */ && raw.startsWith('delete:')) {
    const v = trimmedValue(raw, 7);
    if (v) {
      return line === 0
        ? { kind: 'delete', value: v.value, valueColumn: v.column }
        : { line, offset, raw, newline, kind: 'delete', value: v.value, valueColumn: v.column };
    }
  }
  if (c0 >= 0x61 && c0 <= 0x7a) {
    // `^([a-z][a-z_]*\d*):\s*(.+?)\s*$`: a value of only blanks is its last character.
    const keyEnd = propertyKeyEnd(raw);
    if (keyEnd !== -1 && keyEnd + 1 < n) {
      const key = raw.slice(0, keyEnd);
      // The value starts at the first non-blank after `key:` and ends before trailing blanks.
      const i = skipPerlSpace(raw, keyEnd + 1);
      const value = i === n ? raw.slice(n - 1) : raw.slice(i, perlTrimEnd(raw, i));
      const valueColumn = i === n ? n : i + 1;
      return line === 0
        ? { kind: 'property', key, value, valueColumn }
        : { line, offset, raw, newline, kind: 'property', key, value, valueColumn };
    }
  }
  return line === 0 ? INVALID_LINE : { line, offset, raw, newline, kind: 'invalid' };
}

/**
 * `^[a-z][a-z_]*\d*(?=:)` on a line that starts with `[a-z]`: the end of the key (the index of its
 * `:`), or -1.
 */
function propertyKeyEnd(raw: string): number {
  const n = raw.length;
  let i = 1;
  while (i < n && isKeyLetter(raw.charCodeAt(i))) i++;
  while (i < n && isDigit(raw.charCodeAt(i))) i++;
  return i < n && raw.charCodeAt(i) === 0x3a /* : */ ? i : -1;
}

/** `^lxc\.[a-z0-9_.-]+` on a line that starts with `lxc.`: the end of the key, or -1. */
function lxcKeyEnd(raw: string): number {
  let i = 4;
  while (i < raw.length && isLxcKeyChar(raw.charCodeAt(i))) i++;
  return i > 4 ? i : -1;
}

/** `[a-z0-9_.-]` */
function isLxcKeyChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2e || c === 0x2d;
}

/** `[a-z_]` */
function isKeyLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/** `\d` (ASCII, as in Proxmox's byte-string reading). */
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Rule 7: `snapstate:\s*(prepare|delete)\s*$` anywhere in the line. */
function snapstateAtEnd(raw: string): { readonly value: 'prepare' | 'delete'; readonly valueColumn: number } | undefined {
  const end = perlTrimEnd(raw, 0);
  // Both values end in `e`: most lines are out after one comparison.
  if (raw.charCodeAt(end - 1) !== 0x65 /* e */) return undefined;
  let value: 'prepare' | 'delete';
  if (raw.endsWith('prepare', end)) value = 'prepare';
  else if (raw.endsWith('delete', end)) value = 'delete';
  else return undefined;
  const valueStart = end - value.length;
  let i = valueStart;
  while (i > 0 && isPerlSpace(raw.charCodeAt(i - 1))) i--;
  if (!raw.endsWith('snapstate:', i)) return undefined;
  return { value, valueColumn: valueStart + 1 };
}
