/**
 * Perl's numbers: which strings pve-common accepts as numbers, the numeric value Perl gives a
 * string, and how Perl prints a number back. Digits are ASCII only (Perl `\d` on bytes).
 */
import { PERL_END, PERL_SPACE } from './regex-classes.js';
import { isPerlBlank } from './whitespace.js';

const INTEGER_RE = new RegExp(`^[+-]?[0-9]+${PERL_END}`);
const NUMBER_RE = new RegExp(
  `^[+-]?(?:[0-9]+\\.[0-9]+|[0-9]+\\.|\\.[0-9]+|[0-9]+)(?:[eE][+-]?[0-9]+)?${PERL_END}`,
);
const DIGITS_RE = /^[0-9]+$/;
const DECIMAL_RE = /^[0-9]+(?:\.[0-9]+)?$/;
const UV_MAX = 2n ** 64n - 1n;

/** pve-common `is_integer`: optional sign, digits. */
export function isPerlInteger(text: string): boolean {
  return INTEGER_RE.test(text);
}

/** pve-common `is_number`: optional sign, decimal with optional exponent (`.5`, `5.`, `1e3`). */
export function isPerlNumber(text: string): boolean {
  return NUMBER_RE.test(text);
}

/** Perl `/^\d+$/` (ASCII digits only): the config reader's `integer` type check. */
export function isDigits(text: string): boolean {
  return DIGITS_RE.test(text);
}

/** Perl `/^\d+(\.\d+)?$/`: the config reader's `number` type check. */
export function isUnsignedDecimal(text: string): boolean {
  return DECIMAL_RE.test(text);
}

const NUMERIC_VALUE_RE = new RegExp(
  `^${PERL_SPACE}*([+-]?)(?:(inf(?:inity)?|nan)|((?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?))`,
  'i',
);

/**
 * Perl's numeric value of a string (`'17.10'` → 17.1, `'6.0.10'` → 6, undefined → 0): leading
 * whitespace, then the longest decimal prefix (sign, digits, fraction, exponent) or `Inf`/`NaN`;
 * `0` when there is none. (Perl would also warn `isn't numeric`; that warning is not reproduced.)
 */
export function perlNumber(text: string | undefined): number {
  if (text === undefined) return 0;
  const m = NUMERIC_VALUE_RE.exec(text);
  if (m === null) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  if (m[2] !== undefined) return m[2].toLowerCase() === 'nan' ? NaN : sign * Infinity;
  return sign * Number(m[3]);
}

/**
 * Perl's `int()` of a digit string: the integer as a number; beyond 2^53 the exact decimal text up
 * to 2^64-1 (Perl keeps those exact), and Perl's `%.15g` text above that.
 */
export function perlIntOfDigits(digits: string): string | number {
  const n = Number(digits);
  if (Number.isSafeInteger(n)) return n;
  const big = BigInt(digits);
  return big <= UV_MAX ? big.toString() : perlFormatG15(n);
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
 * Perl's `int()` of a string: the leading numeric part counts, and any other trailing text
 * triggers Perl's "isn't numeric" warning (the `where` text names the Perl source location, e.g.
 * `pve-common/src/PVE/JSONSchema.pm line 1044`).
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
