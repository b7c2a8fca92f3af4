/**
 * Format-preserving edits of a config file's text, in the manner of microsoft/node-jsonc-parser:
 * each function returns minimal text {@link Edit}s against the original text, touching only the
 * lines that must change. Comments, order, blank lines and CRLF line endings of a hand-edited file
 * survive. A new line always lands in the intended section — in particular `appendLxcLine` writes
 * into the main section, never after a snapshot header (the `echo >> <vmid>.conf` bug).
 */
import * as E from 'fp-ts/lib/Either.js';
import { errorDiagnostic, messageOfProxmoxText } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import { checkApiValue } from '../schema/check-value.js';
import type { ConfigSection, PctConfig } from '../config/model.js';
import { parseDocument } from '../config/document.js';
import type { DocumentLine, DocumentSection } from '../config/document.js';
import { classifyLine } from '../config/line-classifier.js';
import { checkLxcKey } from '../config/lxc-keys.js';
import { readConfig } from '../config/reader.js';
import { valueText } from '../config/writer.js';
import { sectionGet, sectionKeys } from './section-values.js';

/** Replace `length` characters at `offset` (UTF-16 code units) with `content`. */
export interface Edit {
  readonly offset: number;
  readonly length: number;
  readonly content: string;
}

/** Why an edit cannot be made. */
export type EditCode =
  /** The section named does not exist (a missing `[pve:pending]` is created instead). */
  | 'EDIT_SECTION_NOT_FOUND'
  /** The key can't be written as a `key: value` line there (`description`, `delete` outside pending, …). */
  | 'EDIT_INVALID_KEY'
  /** The value can't be a line: a line break, empty, surrounding whitespace, or it would read back otherwise. */
  | 'EDIT_INVALID_VALUE'
  /** `pct set` refuses the value (`proxmoxText` is the API's answer, e.g. `cores: value must have a minimum value of 1`). */
  | 'EDIT_VALUE_REFUSED'
  /** Two edits overlap. */
  | 'EDIT_OVERLAPPING'
  /** An edit lies outside the text. */
  | 'EDIT_OUT_OF_RANGE'
  /** The change needs the canonical writer (descriptions, `lxc.*` lines, env, snapshots). */
  | 'EDIT_UNSUPPORTED_CHANGE';

/** An edit failure (`path` is the key concerned, where there is one). */
export type EditDiagnostic = Diagnostic<EditCode>;

/** @deprecated an edit failure is now an {@link EditDiagnostic}. */
export type EditError = EditDiagnostic;

/** The main section's name in these functions (as in the document model). */
export const MAIN_SECTION = '';
/** The pending section's name. */
export const PENDING_SECTION = 'pve:pending';

const KEY_RE = /^[a-z][a-z_]*\d*$/;
const LXC_KEY_RE = /^lxc\.[a-z0-9_.-]+$/;
const SPACE_RE = /^[ \t\n\r\f\v]|[ \t\n\r\f\v]$/;

function fail(
  code: EditCode,
  message: string,
  extra: { readonly path?: string; readonly proxmoxText?: string } = {},
): Result<never, EditCode> {
  return E.left([errorDiagnostic(code, message, extra)]);
}

/** Keys of a section that are no API parameters but lines the reader keeps as they are. */
const NOT_API_KEYS = new Set(['delete', 'snapstate']);

/** The value as `pct set` checks it (API schema: type, format, enum, range, length). */
function checkAsPctSet(key: string, value: string): Result<void, EditCode> {
  if (NOT_API_KEYS.has(key)) return E.right(undefined);
  const r = checkApiValue(key, value);
  if (E.isRight(r)) return E.right(undefined);
  return fail('EDIT_VALUE_REFUSED', `${key}: ${messageOfProxmoxText(r.left.message)}`, {
    path: key,
    proxmoxText: `400 Parameter verification failed.\n${key}: ${r.left.message.trimEnd()}\n`,
  });
}

/** The line ending the file uses (that of its first line), `\n` for a file without one. */
function lineEnding(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/** The section that counts: main is the first; a repeated header wins over earlier ones. */
function findSection(
  sections: readonly DocumentSection[],
  name: string,
): DocumentSection | undefined {
  if (name === MAIN_SECTION) return sections[0];
  for (let i = sections.length - 1; i > 0; i--) if (sections[i]?.name === name) return sections[i];
  return undefined;
}

function isKeyLine(line: DocumentLine): boolean {
  return line.kind === 'property' || line.kind === 'delete' || line.kind === 'snapstate';
}

/** Lines of `section` that set `key`. */
function keyLines(section: DocumentSection, key: string): DocumentLine[] {
  return section.lines.filter((l) => {
    if (l.kind === 'property') return l.key === key;
    if (l.kind === 'delete') return key === 'delete';
    if (l.kind === 'snapstate') return key === 'snapstate';
    return false;
  });
}

/** An edit inserting `line` (without line ending) after `after`, or at `offset` 0 when absent. */
function insertAfter(text: string, after: DocumentLine | undefined, line: string): Edit {
  const eol = lineEnding(text);
  if (after === undefined) return { offset: 0, length: 0, content: line + eol };
  const end = after.offset + after.raw.length;
  if (after.newline) return { offset: end + 1, length: 0, content: line + eol };
  return { offset: end, length: 0, content: (after.raw.endsWith('\r') ? '\n' : eol) + line };
}

/** Where a new line of `section` goes: after the last line of the preferred kinds, else after its last non-blank line. */
function anchorFor(
  section: DocumentSection,
  preferred: ReadonlyArray<(l: DocumentLine) => boolean>,
): DocumentLine | undefined {
  for (const test of preferred) {
    const lines = section.lines.filter(test);
    if (lines.length > 0) return lines[lines.length - 1];
  }
  const content = section.lines.filter((l) => l.kind !== 'blank');
  return content[content.length - 1] ?? section.header;
}

function checkValue(key: string, value: string, allowEmpty: boolean): Result<void, EditCode> {
  if (/[\n\r]/.test(value))
    return fail('EDIT_INVALID_VALUE', `value of '${key}' contains a line break`);
  if (!allowEmpty && value === '') return fail('EDIT_INVALID_VALUE', `value of '${key}' is empty`);
  if (SPACE_RE.test(value))
    return fail(
      'EDIT_INVALID_VALUE',
      `value of '${key}' starts or ends with whitespace, which the reader would trim`,
    );
  return E.right(undefined);
}

/**
 * Sets `key` to `value` in `section` (`''` main, `'pve:pending'`, or a snapshot name): replaces the
 * value of the line that counts (the last one), or inserts `key: value` where the canonical writer
 * would put it (before the first key that sorts after it). The value is checked as `pct set` checks
 * it (EDIT_VALUE_REFUSED with the API's message). A missing `[pve:pending]` section is created before the first snapshot; a missing
 * snapshot section is an error. `description` (stored as `#` lines) cannot be set this way.
 */
export function setKey(
  text: string,
  section: string,
  key: string,
  value: string,
): Result<Edit[], EditCode> {
  if (!KEY_RE.test(key) || key === 'description')
    return fail('EDIT_INVALID_KEY', `'${key}' cannot be set as a 'key: value' line`);
  if (key === 'delete' && section !== PENDING_SECTION)
    return fail('EDIT_INVALID_KEY', "'delete' is only allowed in [pve:pending]");
  if (key === 'snapstate' && (section === MAIN_SECTION || section === PENDING_SECTION)) {
    return fail('EDIT_INVALID_KEY', "'snapstate' is only kept in snapshot sections");
  }
  const ok = checkValue(key, value, false);
  if (E.isLeft(ok)) return ok;
  const accepted = checkAsPctSet(key, value);
  if (E.isLeft(accepted)) return accepted;
  const line = `${key}: ${value}`;
  const content = classifyLine(line);
  const expected = key === 'delete' ? 'delete' : key === 'snapstate' ? 'snapstate' : 'property';
  if (content.kind !== expected || ('value' in content && content.value !== value)) {
    return fail('EDIT_INVALID_VALUE', `'${line}' would not read back as '${key}'`);
  }
  const doc = parseDocument(text);
  const target = findSection(doc.sections, section);
  if (target === undefined) {
    if (section !== PENDING_SECTION)
      return fail('EDIT_SECTION_NOT_FOUND', `no section [${section}]`);
    return E.right([createPending(text, doc.sections, [line])]);
  }
  const existing = keyLines(target, key);
  const last = existing[existing.length - 1];
  if (last !== undefined && 'valueColumn' in last) {
    const old =
      last.kind === 'property' || last.kind === 'delete' || last.kind === 'snapstate'
        ? last.value
        : '';
    if (old === value) return E.right([]);
    return E.right([
      { offset: last.offset + last.valueColumn - 1, length: old.length, content: value },
    ]);
  }
  // Where the canonical writer puts it: before the first key line that sorts after it (keys are
  // sorted by code unit), else after the last key line; so a canonical file stays canonical.
  const next = target.lines.find((l) => isKeyLine(l) && lineKey(l) > key);
  if (next !== undefined) return E.right([insertBefore(text, next, line)]);
  // No key lines to follow: the key lines come before the `lxc.*` lines.
  const firstLxc = target.lines.find((l) => l.kind === 'lxc');
  if (firstLxc !== undefined && !target.lines.some(isKeyLine))
    return E.right([insertBefore(text, firstLxc, line)]);
  return E.right([insertAfter(text, anchorFor(target, [isKeyLine]), line)]);
}

/** The key a key line sets. */
function lineKey(line: DocumentLine): string {
  return line.kind === 'property' ? line.key : line.kind;
}

/** An edit inserting `line` (without line ending) before the line `before`. */
function insertBefore(text: string, before: DocumentLine, line: string): Edit {
  return { offset: before.offset, length: 0, content: line + lineEnding(text) };
}

/** An edit creating `[pve:pending]` with `lines`, before the first snapshot header (or at the end). */
function createPending(
  text: string,
  sections: readonly DocumentSection[],
  lines: readonly string[],
): Edit {
  const eol = lineEnding(text);
  const body = `[${PENDING_SECTION}]${eol}${lines.map((l) => l + eol).join('')}`;
  const next = sections[1]?.header;
  if (next !== undefined) return { offset: next.offset, length: 0, content: body + eol };
  let prefix = '';
  if (text !== '') {
    if (!text.endsWith('\n')) prefix += eol;
    if (!/\n[ \t\r]*\n$/.test(prefix === '' ? text : text + prefix)) prefix += eol;
  }
  return { offset: text.length, length: 0, content: prefix + body };
}

/**
 * Deletes `key` from `section`: removes every line that sets it (so no earlier duplicate comes
 * back). No edits when the key is not there.
 */
export function deleteKey(text: string, section: string, key: string): Result<Edit[], EditCode> {
  if (!KEY_RE.test(key) || key === 'description')
    return fail('EDIT_INVALID_KEY', `'${key}' is not a 'key: value' line`);
  const doc = parseDocument(text);
  const target = findSection(doc.sections, section);
  if (target === undefined)
    return section === PENDING_SECTION
      ? E.right([])
      : fail('EDIT_SECTION_NOT_FOUND', `no section [${section}]`);
  const ranges: Array<{ start: number; end: number }> = [];
  for (const line of keyLines(target, key)) {
    let start = line.offset;
    const end = line.offset + line.raw.length + (line.newline ? 1 : 0);
    // A last line without final newline: take the newline before it, so no empty line is left.
    if (!line.newline && start > 0) start -= 1;
    const prev = ranges[ranges.length - 1];
    if (prev !== undefined && prev.end >= start) prev.end = Math.max(prev.end, end);
    else ranges.push({ start, end });
  }
  return E.right(ranges.map((r) => ({ offset: r.start, length: r.end - r.start, content: '' })));
}

/**
 * Appends `key: value` for a raw `lxc.*` key to the MAIN section: after its last `lxc.*` line,
 * else after its last key line — never after a snapshot or pending header. Keys the reader would
 * drop (unknown or forbidden `lxc.*` keys) are refused.
 */
export function appendLxcLine(text: string, key: string, value: string): Result<Edit[], EditCode> {
  if (!LXC_KEY_RE.test(key)) return fail('EDIT_INVALID_KEY', `'${key}' is not an lxc.* key`);
  const verdict = checkLxcKey(key);
  if (verdict.kind === 'unknown' || verdict.kind === 'forbidden') {
    return fail(
      'EDIT_INVALID_KEY',
      `'${key}' would be dropped by Proxmox's reader (${verdict.kind === 'forbidden' ? verdict.message : 'unknown lxc key'})`,
    );
  }
  const ok = checkValue(key, value, true);
  if (E.isLeft(ok)) return ok;
  const doc = parseDocument(text);
  const main = doc.sections[0] as DocumentSection;
  return E.right([
    insertAfter(text, anchorFor(main, [(l) => l.kind === 'lxc', isKeyLine]), `${key}: ${value}`),
  ]);
}

/**
 * Applies edits to `text`, back to front. Edits are ordered by offset (insertions before a
 * replacement at the same offset; otherwise in the given order); overlapping edits are refused.
 */
export function applyEdits(text: string, edits: readonly Edit[]): Result<string, EditCode> {
  const ordered = edits
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        a.e.offset - b.e.offset ||
        (a.e.length === 0 ? 0 : 1) - (b.e.length === 0 ? 0 : 1) ||
        a.i - b.i,
    )
    .map((x) => x.e);
  for (const e of ordered) {
    if (e.offset < 0 || e.length < 0 || e.offset + e.length > text.length) {
      return fail(
        'EDIT_OUT_OF_RANGE',
        `edit at ${e.offset} (+${e.length}) is outside the text (${text.length})`,
      );
    }
  }
  for (let i = 1; i < ordered.length; i++) {
    const a = ordered[i - 1] as Edit;
    const b = ordered[i] as Edit;
    if (a.offset + a.length > b.offset)
      return fail('EDIT_OVERLAPPING', `edits at ${a.offset} and ${b.offset} overlap`);
  }
  let out = text;
  for (let i = ordered.length - 1; i >= 0; i--) {
    const e = ordered[i] as Edit;
    out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length);
  }
  return E.right(out);
}

function sameSectionExtras(a: ConfigSection, b: ConfigSection): boolean {
  return (
    a.description === b.description &&
    a.env === b.env &&
    JSON.stringify(a.lxc) === JSON.stringify(b.lxc) &&
    a.snapstate === b.snapstate
  );
}

/**
 * Rewrites `text` so that it reads back as `target`, changing only the `key: value` lines of the
 * main and pending sections that differ (and the pending `delete` line). Changes of descriptions,
 * `lxc.*` lines, `env` or snapshots are refused (`UNSUPPORTED_CHANGE`): use the canonical writer.
 */
export function rewritePreservingFormat(text: string, target: PctConfig): Result<string, EditCode> {
  const current = readConfig(text).config;
  if (
    !sameSectionExtras(current.main, target.main) ||
    !sameSectionExtras(current.pending, target.pending)
  ) {
    return fail(
      'EDIT_UNSUPPORTED_CHANGE',
      'descriptions, lxc.* lines and env can only be changed by rewriting the file canonically',
    );
  }
  if (JSON.stringify(current.snapshots) !== JSON.stringify(target.snapshots)) {
    return fail(
      'EDIT_UNSUPPORTED_CHANGE',
      'snapshot sections can only be changed by rewriting the file canonically',
    );
  }
  let out = text;
  const step = (edits: Result<Edit[], EditCode>): Result<void, EditCode> => {
    if (E.isLeft(edits)) return edits;
    const next = applyEdits(out, edits.right);
    if (E.isLeft(next)) return next;
    out = next.right;
    return E.right(undefined);
  };
  for (const [name, before, after] of [
    [MAIN_SECTION, current.main, target.main],
    [PENDING_SECTION, current.pending, target.pending],
  ] as const) {
    const keys = new Set(
      [...sectionKeys(before), ...sectionKeys(after)].filter(
        (k) => k !== 'description' && k !== 'env',
      ),
    );
    for (const key of [...keys].sort()) {
      const a = sectionGet(before, key);
      const b = sectionGet(after, key);
      if (a !== undefined && b !== undefined && valueText(a) === valueText(b)) continue;
      const r = step(
        b === undefined ? deleteKey(out, name, key) : setKey(out, name, key, valueText(b)),
      );
      if (E.isLeft(r)) return r;
    }
    if (before.delete !== after.delete) {
      const r = step(
        after.delete === undefined
          ? deleteKey(out, name, 'delete')
          : setKey(out, name, 'delete', after.delete),
      );
      if (E.isLeft(r)) return r;
    }
  }
  return E.right(out);
}
