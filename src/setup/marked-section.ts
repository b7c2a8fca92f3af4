/**
 * Proxmox's marked-section editor (`ct_modify_file`, spec §1.6) and section stripping
 * (`remove_pve_sections`, §1.7) as pure text functions. The quirks are deliberate: trailing blank
 * lines vanish on re-read, appending to an empty file starts with a blank line, an emptied section
 * keeps an extra blank line after it, and a section rewrite loses the requested permissions.
 */
import { isPerlTrue, perlSplit } from '../perl/index.js';

/** The line that opens a PVE-managed section (with its LF). */
export const SECTION_HEAD = '# --- BEGIN PVE ---\n';
/** The line that closes a PVE-managed section (with its LF). */
export const SECTION_TAIL = '# --- END PVE ---\n';

/** How new data is placed when the file has no section yet. */
export interface SectionEditOptions {
  /** Discard the rest of the file (only the section remains). */
  readonly replace?: boolean;
  /** Put the section before the existing lines instead of after them. */
  readonly prepend?: boolean;
  /** Unlink the file when the data is empty and the file consists of the section only. */
  readonly delete?: boolean;
}

/**
 * The outcome of a section edit: write `content` (`withPerms`: whether the caller's requested mode
 * applies — false for in-place section rewrites, which Proxmox writes with the default mode), unlink
 * the file, or leave it alone.
 */
export type SectionEdit =
  | { readonly kind: 'write'; readonly content: string; readonly withPerms: boolean }
  | { readonly kind: 'unlink' }
  | { readonly kind: 'none' };

/** Perl truthiness (src/perl), under the name this layer's importers use. */
export { isPerlTrue as perlTrue };

/**
 * Perl's `split(/\n/, text)`: split on LF and drop all trailing empty strings, so trailing blank
 * lines vanish and a missing final newline is irrelevant.
 */
export function perlLines(text: string): string[] {
  return perlSplit(text, '\n');
}

const BEGIN_LINE = /^#[\t\n\v\f\r ]*---[\t\n\v\f\r ]*BEGIN[\t\n\v\f\r ]*PVE[\t\n\v\f\r ]*/;
const END_LINE = /^#[\t\n\v\f\r ]*---[\t\n\v\f\r ]*END[\t\n\v\f\r ]*PVE[\t\n\v\f\r ]*/i;

/**
 * Computes `ct_modify_file(P, data, opts)` for the current content of P (`undefined` when P is not
 * a regular file). The caller handles `.pve-ignore.*` and applies the mode.
 */
export function editMarkedSection(
  existing: string | undefined,
  rawData: string,
  options: SectionEditOptions = {},
): SectionEdit {
  const hasData = isPerlTrue(rawData);
  const data = hasData && !rawData.endsWith('\n') ? rawData + '\n' : rawData;
  if (existing === undefined) {
    return hasData
      ? { kind: 'write', content: SECTION_HEAD + data + SECTION_TAIL, withPerms: true }
      : { kind: 'none' };
  }
  // Offsets instead of a line array: the file may be tens of megabytes (a large /etc/hosts), and
  // Perl's split/join round trip only drops the trailing LFs, which `kept` models.
  const kept = withoutTrailingLfs(existing);
  let begStart: number | undefined;
  let endEnd: number | undefined;
  for (let start = 0; start < kept;) {
    const nl = existing.indexOf('\n', start);
    const stop = nl < 0 || nl > kept ? kept : nl;
    if (existing.charCodeAt(start) === 0x23 /* # */) {
      const line = existing.slice(start, stop);
      if (begStart === undefined) {
        if (BEGIN_LINE.test(line)) begStart = start;
      } else if (END_LINE.test(line)) {
        endEnd = stop;
        break;
      }
    }
    start = stop + 1;
  }
  const after = (from: number): string => existing.slice(from, kept) + '\n';
  if (begStart !== undefined && endEnd !== undefined) {
    const before = existing.slice(0, begStart);
    if (hasData) {
      const block = SECTION_HEAD + data + '# --- END PVE ---';
      return { kind: 'write', content: before + block + after(endEnd), withPerms: false };
    }
    if (begStart === 0 && endEnd === kept)
      return options.delete === true ? { kind: 'unlink' } : { kind: 'none' };
    // QUIRK: the tail keeps its LF, so the join leaves a blank line after the END marker.
    return {
      kind: 'write',
      content: before + SECTION_HEAD + SECTION_TAIL + after(endEnd),
      withPerms: false,
    };
  }
  if (!hasData) return { kind: 'none' };
  const rest = after(0);
  const block = SECTION_HEAD + data + SECTION_TAIL;
  if (options.replace === true) return { kind: 'write', content: block, withPerms: true };
  if (options.prepend === true) return { kind: 'write', content: block + rest, withPerms: true };
  return { kind: 'write', content: rest + block, withPerms: true };
}

/** The length of `text` without its trailing LFs (what survives Perl's `split /\n/`). */
function withoutTrailingLfs(text: string): number {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x0a) end--;
  return end;
}

const PVE_SECTIONS = /^[ \t]*# --- BEGIN PVE ---[^]*^[ \t]*# --- END PVE ---[^\n]*/m;

/**
 * `remove_pve_sections`: removes, greedily, everything from the first line starting with the BEGIN
 * marker to the end of the last line starting with the END marker (the LF after it stays).
 */
export function removePveSections(text: string): string {
  return text.replace(PVE_SECTIONS, '');
}

/**
 * Whether `line` (a pattern anchored at a line start with `^`, that matches within one non-empty
 * line) matches a line of `text` that {@link removePveSections} keeps — without building that text:
 * a 20 MB /etc/hosts is not copied to look for two lines.
 */
export function matchesOutsidePveSections(text: string, line: RegExp): boolean {
  const section = PVE_SECTIONS.exec(text);
  const start = section === null ? text.length : section.index;
  const end = section === null ? text.length : section.index + section[0].length;
  // The section starts at a line start and ends before an LF (or the end): the lines before and
  // after it are kept whole, and the line where they join is empty.
  const global = new RegExp(line.source, line.flags.includes('g') ? line.flags : line.flags + 'g');
  for (const m of text.matchAll(global)) if (m.index < start || m.index >= end) return true;
  return false;
}
