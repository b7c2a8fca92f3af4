/**
 * Diagnostics of the typed view: the reader's diagnostics, with property-string failures split into
 * one diagnostic per field (pointing at the field's value), plus the API-level refusals. Each names
 * the key, the field, the line and column of the value and a short reason
 * (`net0.hwaddr: not a valid unicast MAC address`), and keeps Proxmox's own text.
 */
import type { ConfigDiagnostic, DiagnosticCode } from '../config/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DocumentLine } from '../config/document.js';
import { schemaKey } from '../schema/key-registry.js';
import { propertyStringFormats } from '../schema/formats/index.js';
import { compareBytewise } from '../perl/index.js';
import type { CheckLevel, ValueFailure } from './check-level.js';
import { fieldOffset } from './property-object.js';

/** The reader's codes plus `API_INVALID_VALUE` (a value `pct set` would refuse). */
export type TypedDiagnosticCode =
  | DiagnosticCode
  /** A value the reader accepts but `pct set` (the API level) refuses. */
  | 'API_INVALID_VALUE';

/**
 * A diagnostic of the typed view: the library's one {@link Diagnostic} shape, located by line and
 * column and, for a value, by its field `path` (`net0.hwaddr`, or the key alone).
 */
export interface TypedDiagnostic extends Diagnostic<TypedDiagnosticCode> {
  /** Which level reports it: the file reader, or the API on top. */
  readonly level: CheckLevel;
  /** `key.field: reason` (or `key: reason`, or the reader's message for line-level problems). */
  readonly message: string;
  /** The short reason alone (for value problems). */
  readonly reason?: string;
  /** Proxmox's own message for this field or value (`invalid format - value does not look …`). */
  readonly proxmoxReason?: string;
  /** For the API level: the line `pct set` prints (`cores: value must have a minimum value of 1`). */
  readonly apiText?: string;
  /** 1-based line and column (UTF-16 code units) of the value (of the field's value, if any). */
  readonly line: number;
  readonly column: number;
  /** The field path of a value diagnostic: `net0.hwaddr`, or the key (`memory`). */
  readonly path?: string;
  /** Offset and length of the line's rest from `column` in the source text. */
  readonly offset: number;
  readonly length: number;
  /** `''` (main), `'pve:pending'` or the snapshot name. */
  readonly section: string;
  readonly key?: string;
  /** The property-string field (Proxmox's name, `hwaddr`). */
  readonly field?: string;
  /** For unparseable lines: what the grammar expected at `column`. */
  readonly expected?: readonly string[];
}

const REASONS: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string]> = [
  [/^value does not look like a valid (.+)$/, (m) => `not a valid ${m[1]}`],
  [
    /^property is not defined in schema and the schema does not allow additional properties$/,
    () => 'unknown key',
  ],
  [/^property is missing and it is not optional$/, () => 'required but missing'],
  [/^type check \('(integer)'\) failed - got '([^]*)'$/, (m) => `not an ${m[1]}: '${m[2]}'`],
  [/^type check \('(\w+)'\) failed - got '([^]*)'$/, (m) => `not a ${m[1]}: '${m[2]}'`],
  [/^value does not match the regex pattern$/, () => 'does not match the allowed pattern'],
  [/^value must have a maximum value of (.+)$/, (m) => `greater than the maximum ${m[1]}`],
  [/^value must have a minimum value of (.+)$/, (m) => `less than the minimum ${m[1]}`],
  [
    /^value '([^]*)' does not have a value in the enumeration '([^]*)'$/,
    (m) => `'${m[1]}' is not one of ${m[2]}`,
  ],
  [/^value may only be ([0-9]+) characters long$/, (m) => `longer than ${m[1]} bytes`],
  [/^unknown setting '([^]*)'$/, () => 'not a container setting'],
  [
    /^[^]* contains illegal character sequences$/,
    () => 'contains /./ or /../ (or starts with ../)',
  ],
  [/^[^]* is not a valid device path$/, () => 'not a device path under /dev/'],
  [/^duplicate key in comma-separated list property: (.*)$/, (m) => `duplicate key '${m[1]}'`],
  [
    /^missing key in comma-separated list property$/,
    () => "a part with '=' but no key or no value",
  ],
  [
    /^value without key, but schema does not define a default key$/,
    () => 'a value without key, but the format has no default key',
  ],
  [/^unable to parse startup options$/, () => 'not [order=]N[,up=N][,down=N]'],
  [/^unable to parse volume ID '([^]*)'$/, () => 'not a volume ID (storage:volume)'],
  [/^Path has to be defined$/, () => 'a device path is required'],
  [/^property contains a line feed$/, () => 'contains a line feed'],
];

/** A short human reason for one of Proxmox's messages (its first line, `invalid format - ` dropped). */
export function humanReason(proxmoxMessage: string): string {
  let text = (proxmoxMessage.split('\n')[0] ?? '').trim();
  if (text.startsWith('invalid format - ')) text = text.slice(17).trim();
  for (const [re, make] of REASONS) {
    const m = re.exec(text);
    if (m !== null) return make(m);
  }
  return text;
}

/** Lazily built lookups of document lines. */
export interface LineIndex {
  /** The line with 1-based number `n`. */
  readonly byNumber: (n: number) => DocumentLine | undefined;
  /** The line that set `key` in `section` (the last one). */
  readonly ofKey: (section: string, key: string) => DocumentLine | undefined;
}

type ValueLine = DocumentLine & { readonly valueColumn: number; readonly value: string };

function valueLine(line: DocumentLine | undefined): ValueLine | undefined {
  return line !== undefined && 'valueColumn' in line ? (line as ValueLine) : undefined;
}

function fieldPosition(
  key: string,
  field: string,
  line: ValueLine | undefined,
): number | undefined {
  if (line === undefined) return undefined;
  const name = schemaKey(key)?.propertyString;
  if (name === undefined) return undefined;
  const offset = fieldOffset(
    { name, format: propertyStringFormats[name], fields: [] },
    line.value,
    field,
  );
  return offset === undefined ? undefined : line.valueColumn + offset;
}

/**
 * The typed view of the reader's diagnostics: a property-string failure becomes one diagnostic per
 * field (the first carries Proxmox's text); other value failures get a short reason; the rest pass
 * through unchanged.
 */
export function fromReaderDiagnostics(
  diagnostics: readonly ConfigDiagnostic[],
  lines: LineIndex,
): TypedDiagnostic[] {
  const out: TypedDiagnostic[] = [];
  for (const d of diagnostics) {
    if (d.code !== 'INVALID_VALUE' || d.key === undefined) {
      out.push({ ...d, level: 'reader' });
      continue;
    }
    const key = d.key;
    const fields = d.fields === undefined ? [] : Object.keys(d.fields).sort(compareBytewise);
    const proxmoxReason = (d.proxmoxText ?? '').slice(
      `unable to parse value of '${key}' - `.length,
    );
    if (fields.length === 0) {
      const reason = humanReason(proxmoxReason);
      out.push({
        ...d,
        level: 'reader',
        message: `${key}: ${reason}`,
        path: key,
        reason,
        proxmoxReason,
      });
      continue;
    }
    const line = valueLine(lines.byNumber(d.line));
    fields.forEach((field, i) => {
      const message = (d.fields as Record<string, string>)[field] as string;
      const reason = humanReason(message);
      const column = fieldPosition(key, field, line) ?? d.column;
      const { proxmoxText: _text, fields: _fields, ...rest } = d;
      out.push({
        ...rest,
        level: 'reader',
        message: `${key}.${field}: ${reason}`,
        reason,
        proxmoxReason: message,
        ...(i === 0 && d.proxmoxText !== undefined ? { proxmoxText: d.proxmoxText } : {}),
        field,
        path: `${key}.${field}`,
        column,
        offset: d.offset + (column - d.column),
        length: Math.max(0, d.length - (column - d.column)),
      });
    });
  }
  return out;
}

/** The diagnostics of an API-level refusal of `key`'s value in `section`. */
export function apiDiagnostics(
  section: string,
  key: string,
  failure: ValueFailure,
  lines: LineIndex,
): TypedDiagnostic[] {
  const line = lines.ofKey(section, key);
  const vline = valueLine(line);
  const base = {
    severity: 'error' as const,
    code: 'API_INVALID_VALUE' as const,
    level: 'api' as const,
    section,
    key,
    line: line?.line ?? 0,
  };
  const at = (column: number): { column: number; offset: number; length: number } => ({
    column,
    offset: line === undefined ? 0 : line.offset + column - 1,
    length: line === undefined ? 0 : Math.max(0, line.raw.length - (column - 1)),
  });
  const valueColumn = vline?.valueColumn ?? 1;
  const fields =
    failure.fields === undefined ? [] : Object.keys(failure.fields).sort(compareBytewise);
  if (fields.length === 0) {
    const reason = humanReason(failure.message);
    return [
      {
        ...base,
        ...at(valueColumn),
        message: `${key}: ${reason}`,
        path: key,
        reason,
        proxmoxReason: failure.message,
        apiText: `${key}: ${failure.message.trimEnd()}`,
      },
    ];
  }
  return fields.map((field) => {
    const message = (failure.fields as Record<string, string>)[field] as string;
    const reason = humanReason(message);
    return {
      ...base,
      ...at(fieldPosition(key, field, vline) ?? valueColumn),
      field,
      path: `${key}.${field}`,
      message: `${key}.${field}: ${reason}`,
      reason,
      proxmoxReason: message,
      apiText: `${key}: ${failure.message.trimEnd()}`,
    };
  });
}

/** `FILE:LINE:COL: severity: message` (the format of `pctkit config check`). */
export function formatTypedDiagnostic(d: TypedDiagnostic, file: string): string {
  const expected =
    d.expected && d.expected.length > 0 ? ` (expected ${d.expected.join(' or ')})` : '';
  return `${file}:${d.line}:${d.column}: ${d.severity}: ${d.message}${expected}`;
}
