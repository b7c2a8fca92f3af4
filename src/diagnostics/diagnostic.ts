/**
 * The one shape of every failure and observation in pctkit: a stable SCREAMING_SNAKE `code`, a
 * `severity`, a readable `message`, where it is (file, line and column, or a field path such as
 * `net0.hwaddr`) and, where Proxmox reports the same thing, Proxmox's own text.
 *
 * Each layer narrows `code` to its own union (the config reader's `DiagnosticCode`, the start plan's
 * codes, …); every one of them is a `Diagnostic`, so callers can collect, sort and print them alike.
 */
import { compareBytewise } from '../perl/sort.js';

/** `error`: the operation (or Proxmox's strict mode) fails; `warning`: Proxmox warns and goes on;
 * `notice`: pctkit's own observation that Proxmox passes over silently. */
export type Severity = 'error' | 'warning' | 'notice';

/** Where a diagnostic points. Every field is optional: a diagnostic names what it knows. */
export interface DiagnosticLocation {
  /** The file (as the user named it) or input the diagnostic is about. */
  readonly file?: string;
  /** 1-based line and column (UTF-16 code units). */
  readonly line?: number;
  readonly column?: number;
  /** A field path inside a value: `net0.hwaddr`, `rootfs`, `members[3]`, `facts.bridgeMtu.vmbr0`. */
  readonly path?: string;
}

/** A failure or observation, as a value. */
export interface Diagnostic<C extends string = string> extends DiagnosticLocation {
  /** Stable SCREAMING_SNAKE code; docs/diagnostics.md lists every one with an example. */
  readonly code: C;
  readonly severity: Severity;
  /**
   * One line, readable without context (Proxmox's wording where Proxmox reports it: where the
   * message is Proxmox's text itself, it is `messageOfProxmoxText(proxmoxText)`).
   */
  readonly message: string;
  /** The exact text Proxmox prints for the same condition (with its trailing newline), if any. */
  readonly proxmoxText?: string;
}

/** Builds a diagnostic; `extra` adds a location and Proxmox's text. */
export function diagnostic<C extends string>(
  severity: Severity,
  code: C,
  message: string,
  extra: DiagnosticLocation & { readonly proxmoxText?: string } = {},
): Diagnostic<C> {
  return { code, severity, message, ...extra };
}

/**
 * The one-line `message` of a diagnostic that carries Proxmox's text: `text` with its leading and
 * trailing whitespace dropped (`String.prototype.trim`: newlines, spaces, tabs, …) and every
 * remaining run of line breaks (`\n`, `\r`) replaced by one space; nothing else changes.
 *
 * `"CT is locked (backup)\n"` → `CT is locked (backup)`;
 * `"format error\nhwaddr: invalid format\n\n"` → `format error hwaddr: invalid format`.
 */
export function messageOfProxmoxText(text: string): string {
  return text.trim().replace(/[\r\n]+/g, ' ');
}

/**
 * A diagnostic for something Proxmox reports: `proxmoxText` is Proxmox's exact text (kept byte for
 * byte), `message` is {@link messageOfProxmoxText} of it.
 */
export function proxmoxDiagnostic<C extends string>(
  severity: Severity,
  code: C,
  proxmoxText: string,
  location: DiagnosticLocation = {},
): Diagnostic<C> {
  return { code, severity, message: messageOfProxmoxText(proxmoxText), ...location, proxmoxText };
}

/** One key of a {@link keyedProxmoxFailure}: its code, and Proxmox's reason (without the key). */
export interface KeyedReason<C extends string> {
  readonly code: C;
  readonly reason: string;
}

/**
 * Proxmox's per-key failure (`raise_param_exc`): the title line `head` (with its line feed), then
 * `<key>: <reason>` per key in bytewise key order. One error per key (`path` the key, `message`
 * `<key>: <reason>` on one line); the first carries `head` as well, so the `proxmoxText`s joined
 * are Proxmox's whole message. Empty when `reasons` is.
 */
export function keyedProxmoxFailure<C extends string>(
  head: string,
  reasons: Readonly<Record<string, KeyedReason<C>>>,
): Diagnostic<C>[] {
  return Object.keys(reasons)
    .sort(compareBytewise)
    .map((key, i) => {
      const { code, reason } = reasons[key] as KeyedReason<C>;
      return errorDiagnostic(code, `${key}: ${messageOfProxmoxText(reason)}`, {
        path: key,
        proxmoxText: `${i === 0 ? head : ''}${key}: ${reason}\n`,
      });
    });
}

/** An error diagnostic. */
export function errorDiagnostic<C extends string>(
  code: C,
  message: string,
  extra: DiagnosticLocation & { readonly proxmoxText?: string } = {},
): Diagnostic<C> {
  return diagnostic('error', code, message, extra);
}

/** A warning diagnostic. */
export function warningDiagnostic<C extends string>(
  code: C,
  message: string,
  extra: DiagnosticLocation & { readonly proxmoxText?: string } = {},
): Diagnostic<C> {
  return diagnostic('warning', code, message, extra);
}

/** The same diagnostic under another layer's code: severity, message, location and Proxmox's text kept. */
export function withCode<C extends string>(code: C, d: Diagnostic): Diagnostic<C> {
  return { ...d, code };
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `FILE:LINE:COL: severity: message` (the parts it has), the format of `pctkit config check`. */
export function formatLocated(d: Diagnostic, file = d.file): string {
  let where = file ?? '';
  if (d.line !== undefined)
    where += `${where === '' ? '' : ':'}${d.line}${d.column !== undefined ? `:${d.column}` : ''}`;
  if (d.path !== undefined) where += `${where === '' ? '' : ': '}${d.path}`;
  return `${where === '' ? '' : `${where}: `}${d.severity}: ${d.message}`;
}

/**
 * What Proxmox prints for these diagnostics: their `proxmoxText`s joined (a diagnostic without one
 * gives its message and a newline). A failure's diagnostics join to Proxmox's whole message.
 */
export function proxmoxTextOf(diagnostics: readonly Diagnostic[]): string {
  let out = '';
  for (const d of diagnostics) out += d.proxmoxText ?? `${d.message}\n`;
  return out;
}
