/**
 * The `disk-size` format: `parse_size` (text → bytes), `format_size` (bytes → shortest exact unit)
 * and the numeric conversion Perl applies when a size that is still text gets printed.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { FormatResult } from './format-result.js';
import { isPerlBlank, PERL_SPACE } from './perl-text.js';

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
  return parseSize(value) === undefined
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

/** How Perl prints an integral number held as a double: digits, or `%.15g` beyond 2^64. */
export function perlNumberText(n: number): string {
  if (Number.isSafeInteger(n) || Math.abs(n) < 2 ** 64) {
    return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
  }
  return perlFormatG15(n);
}

/** Perl's default number stringification (`%.15g`) for a finite double. */
export function perlFormatG15(n: number): string {
  const text = n.toPrecision(15);
  const [mantissa, exponent] = text.split('e') as [string, string | undefined];
  const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  if (exponent === undefined) return trimmed;
  const sign = exponent.startsWith('-') ? '-' : '+';
  const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
  return `${trimmed}e${sign}${digits}`;
}

/** The result of Perl's `int()` on a scalar: the number and the warning Perl printed, if any. */
export interface PerlInt {
  readonly value: number;
  readonly warning?: string;
}

const NUMERIC_PREFIX_RE = new RegExp(
  `^${PERL_SPACE}*[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?`,
);

/**
 * Perl's `int()` of a string as `format_size` applies it in `print_property_string`: the leading
 * numeric part counts, and any other trailing text triggers Perl's "isn't numeric" warning (the
 * `where` text names the Perl source location, e.g. `pve-common/src/PVE/JSONSchema.pm line 1044`).
 */
export function perlIntOfString(text: string, where: string): PerlInt {
  const m = NUMERIC_PREFIX_RE.exec(text);
  const value = m === null ? 0 : Math.trunc(Number(m[0].trim()));
  const rest = m === null ? text : text.slice(m[0].length);
  if (isPerlBlank(rest)) return { value };
  return {
    value,
    warning: `Argument "${perlDisplayString(text)}" isn't numeric in int at ${where}.\n`,
  };
}

/** How Perl shows a string inside an "isn't numeric" warning (escapes, cut after 56 bytes). */
function perlDisplayString(text: string): string {
  const escapes: Readonly<Record<string, string>> = {
    '\n': '\\n',
    '\r': '\\r',
    '\f': '\\f',
    '\\': '\\\\',
    '\0': '\\0',
  };
  let out = '';
  let i = 0;
  const chars = [...text];
  for (; i < chars.length && out.length < 56; i++) {
    const ch = chars[i] as string;
    const code = ch.codePointAt(0) as number;
    if (escapes[ch] !== undefined) out += escapes[ch];
    else if (code < 0x20 || code === 0x7f) out += `^${String.fromCharCode(code ^ 0x40)}`;
    else out += ch;
  }
  return i < chars.length ? `${out}...` : out;
}
