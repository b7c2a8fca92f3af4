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

const BEGIN_LINE = /^#\s*---\s*BEGIN\s*PVE\s*/;
const END_LINE = /^#\s*---\s*END\s*PVE\s*/i;

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
  const lines = perlLines(existing);
  let beg: number | undefined;
  let end: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (beg === undefined) {
      if (BEGIN_LINE.test(line)) beg = i;
    } else if (END_LINE.test(line)) {
      end = i;
      break;
    }
  }
  if (beg !== undefined && end !== undefined) {
    if (hasData) {
      const block = SECTION_HEAD + data + '# --- END PVE ---';
      const out = [...lines.slice(0, beg), block, ...lines.slice(end + 1)];
      return { kind: 'write', content: out.join('\n') + '\n', withPerms: false };
    }
    if (beg === 0 && end === lines.length - 1)
      return options.delete === true ? { kind: 'unlink' } : { kind: 'none' };
    // QUIRK: the tail keeps its LF, so the join leaves a blank line after the END marker.
    const out = [...lines.slice(0, beg), SECTION_HEAD + SECTION_TAIL, ...lines.slice(end + 1)];
    return { kind: 'write', content: out.join('\n') + '\n', withPerms: false };
  }
  if (!hasData) return { kind: 'none' };
  const rest = lines.join('\n') + '\n';
  const block = SECTION_HEAD + data + SECTION_TAIL;
  if (options.replace === true) return { kind: 'write', content: block, withPerms: true };
  if (options.prepend === true) return { kind: 'write', content: block + rest, withPerms: true };
  return { kind: 'write', content: rest + block, withPerms: true };
}

const PVE_SECTIONS = /^[ \t]*# --- BEGIN PVE ---[\s\S]*^[ \t]*# --- END PVE ---[^\n]*/m;

/**
 * `remove_pve_sections`: removes, greedily, everything from the first line starting with the BEGIN
 * marker to the end of the last line starting with the END marker (the LF after it stays).
 */
export function removePveSections(text: string): string {
  return text.replace(PVE_SECTIONS, '');
}
