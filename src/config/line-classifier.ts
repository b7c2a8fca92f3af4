/**
 * Classifies one line of a config file by Proxmox's rules (spec §1.2), in their order; the first
 * rule that matches wins. This is the fast path used by the document parser; `line-grammar.ts`
 * states the same rules as parsimmon combinators (for error descriptions) and the tests check that
 * both agree.
 */
import { NON_WS, WS, isPerlSpace } from './perl-regex.js';

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

const BLANK = new RegExp(`^${WS}*$`);
const PENDING_HEADER = new RegExp(`^\\[pve:pending\\]${WS}*$`, 'i');
const SNAPSHOT_HEADER = new RegExp(`^\\[([a-z][a-z0-9_-]+)\\]${WS}*$`, 'i');
const LXC = new RegExp(`^(lxc\\.[a-z0-9_.-]+)(:|${WS}*=)${WS}*([^]*?)${WS}*$`);
const DESCRIPTION = new RegExp(`^description:${WS}*([^]*${NON_WS})${WS}*$`);
const SNAPSTATE = new RegExp(`snapstate:${WS}*(prepare|delete)${WS}*$`);
const DELETE = new RegExp(`^delete:${WS}*([^]*${NON_WS})${WS}*$`);
const PROPERTY = new RegExp(`^([a-z][a-z_]*\\d*):${WS}*([^]+?)${WS}*$`);

const BLANK_LINE: LineContent = { kind: 'blank' };
const INVALID_LINE: LineContent = { kind: 'invalid' };

/** Column of a value that starts after optional whitespace at `from` (an all-blank rest: its last char). */
function valueColumnAfter(raw: string, from: number, allowEmpty: boolean): number {
  let i = from;
  while (i < raw.length && isPerlSpace(raw.charCodeAt(i))) i++;
  if (i === raw.length && !allowEmpty) return raw.length; // the value is the line's last character
  return i + 1;
}

/** Classifies one raw line (without its `\n`). */
export function classifyLine(raw: string): LineContent {
  const c0 = raw.charCodeAt(0);
  // Rule 1: blank. Only lines that start with whitespace (or are empty) can be blank.
  if (raw.length === 0 || (isPerlSpace(c0) && BLANK.test(raw))) return BLANK_LINE;
  if (c0 === 0x5b /* [ */) {
    if (PENDING_HEADER.test(raw)) return { kind: 'section', name: 'pve:pending', pending: true };
    const m = SNAPSHOT_HEADER.exec(raw);
    if (m) return { kind: 'section', name: m[1] as string, pending: false };
  } else if (c0 === 0x23 /* # */) {
    return { kind: 'comment', text: raw.slice(1) };
  } else if (c0 === 0x6c /* l */ && raw.startsWith('lxc.')) {
    const m = LXC.exec(raw);
    if (m) {
      const key = m[1] as string;
      const separator = (m[2] as string).endsWith('=') ? '=' : ':';
      return { kind: 'lxc', key, separator, value: m[3] as string, valueColumn: valueColumnAfter(raw, key.length + (m[2] as string).length, true) };
    }
  } else if (c0 === 0x64 /* d */ && raw.startsWith('description:')) {
    const m = DESCRIPTION.exec(raw);
    if (m) return { kind: 'description', value: m[1] as string, valueColumn: valueColumnAfter(raw, 12, false) };
  }
  // Rule 7 is not anchored at the start: any remaining line that ends in `snapstate: prepare|delete`.
  if (raw.includes('snapstate:')) {
    const m = SNAPSTATE.exec(raw);
    if (m) {
      const value = m[1] as 'prepare' | 'delete';
      return { kind: 'snapstate', value, valueColumn: m.index + m[0].indexOf(value, 10) + 1 };
    }
  }
  if (c0 === 0x64 /* d */ && raw.startsWith('delete:')) {
    const m = DELETE.exec(raw);
    if (m) return { kind: 'delete', value: m[1] as string, valueColumn: valueColumnAfter(raw, 7, false) };
  }
  if (c0 >= 0x61 && c0 <= 0x7a) {
    const m = PROPERTY.exec(raw);
    if (m) {
      const key = m[1] as string;
      return { kind: 'property', key, value: m[2] as string, valueColumn: valueColumnAfter(raw, key.length + 1, false) };
    }
  }
  return INVALID_LINE;
}
