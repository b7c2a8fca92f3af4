/**
 * The lossless document: a config file as sections of lines, each line keeping its raw text and
 * position, so that `printDocument(parseDocument(x)) === x` for every string. Lines are classified
 * by Proxmox's own rules (spec §1.2, first match wins); nothing is validated here — the reader does
 * that on top. Parsing never fails: a line no rule matches is an `invalid` line.
 */
import { classifyLineAt } from './line-classifier.js';
import type { LineContent } from './line-classifier.js';

export type { LineContent } from './line-classifier.js';

interface LinePosition {
  /** 1-based line number. */
  readonly line: number;
  /** Offset of the line's first character in the source text (UTF-16 code units). */
  readonly offset: number;
  /** The line's text without its `\n` (a CR of a CRLF file stays here, as in Proxmox). */
  readonly raw: string;
  /** Whether a `\n` follows the line (false only for a last line without final newline). */
  readonly newline: boolean;
}

/** One line of the document: its position and raw text plus what Proxmox's rules make of it. */
export type DocumentLine = LinePosition & LineContent;

/** The kinds of line, one per rule of Proxmox's reader. */
export type LineKind = LineContent['kind'];

/** A section: the main section (no header), `[pve:pending]`, or a `[snapshot]`. */
export interface DocumentSection {
  readonly kind: 'main' | 'pending' | 'snapshot';
  /** `''` for main, `'pve:pending'` for pending, else the snapshot name. */
  readonly name: string;
  /** The header line (absent for the main section). */
  readonly header?: DocumentLine & { readonly kind: 'section' };
  /** The lines after the header, up to the next header. */
  readonly lines: readonly DocumentLine[];
}

/** A whole config file, losslessly. */
export interface ConfigDocument {
  readonly sections: readonly DocumentSection[];
}

/** Splits text into positioned lines on `\n` only (Proxmox has no special CR handling). */
export function scanLines(text: string): Array<{ line: number; offset: number; raw: string; newline: boolean }> {
  const out: Array<{ line: number; offset: number; raw: string; newline: boolean }> = [];
  let offset = 0;
  let line = 1;
  const n = text.length;
  while (offset < n) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) {
      out.push({ line, offset, raw: text.slice(offset), newline: false });
      break;
    }
    out.push({ line, offset, raw: text.slice(offset, nl), newline: true });
    offset = nl + 1;
    line++;
  }
  return out;
}

/** Parses text into a lossless document. Never fails. */
export function parseDocument(text: string): ConfigDocument {
  const sections: DocumentSection[] = [];
  let current: { kind: DocumentSection['kind']; name: string; header?: DocumentLine & { kind: 'section' }; lines: DocumentLine[] } = {
    kind: 'main',
    name: '',
    lines: [],
  };
  sections.push(current);
  let offset = 0;
  let lineNo = 1;
  const n = text.length;
  while (offset < n) {
    let nl = text.indexOf('\n', offset);
    const newline = nl !== -1;
    if (!newline) nl = n;
    const line = classifyLineAt(text.slice(offset, nl), lineNo, offset, newline) as DocumentLine;
    if (line.kind === 'section') {
      current = { kind: line.pending ? 'pending' : 'snapshot', name: line.name, header: line, lines: [] };
      sections.push(current);
    } else {
      current.lines.push(line);
    }
    offset = nl + 1;
    lineNo++;
  }
  return { sections };
}

/** Prints a document back to text: the exact source for an unmodified document. */
export function printDocument(doc: ConfigDocument): string {
  let out = '';
  for (const section of doc.sections) {
    if (section.header) out += section.header.raw + (section.header.newline ? '\n' : '');
    for (const line of section.lines) out += line.newline ? line.raw + '\n' : line.raw;
  }
  return out;
}

/** All lines of a document in file order, headers included. */
export function documentLines(doc: ConfigDocument): DocumentLine[] {
  const out: DocumentLine[] = [];
  for (const section of doc.sections) {
    if (section.header) out.push(section.header);
    out.push(...section.lines);
  }
  return out;
}
