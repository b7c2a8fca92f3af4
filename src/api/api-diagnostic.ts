/**
 * The API module's diagnostics. A failed API call is a list of diagnostics whose `proxmoxText`,
 * joined in order, is exactly what Proxmox answers (the status line, then one line per failing
 * parameter or key), so a CLI prints `proxmoxErrorText(failure)` and a UI shows each `message`.
 */
import type { Diagnostic, KeyedReason } from '../diagnostics/diagnostic.js';
import {
  errorDiagnostic,
  keyedProxmoxFailure,
  proxmoxDiagnostic,
} from '../diagnostics/diagnostic.js';
import type { Failure } from '../diagnostics/result.js';

/** Every code the API module reports. */
export type ApiCode =
  /** A request parameter failed the API's schema check (`400 Parameter verification failed.`). */
  | 'API_PARAMETER_INVALID'
  /** `snapshot=<name>` names no snapshot of the file. */
  | 'API_SNAPSHOT_NOT_FOUND'
  /** A value of the result failed the API's return schema (`400 Result verification failed`). */
  | 'API_RESULT_INVALID'
  /** A PUT without any change (`no options specified`). */
  | 'API_NO_OPTIONS'
  /** The PUT's digest differs from the file's. */
  | 'API_DIGEST_MISMATCH'
  /** The container holds a lock. */
  | 'API_LOCKED'
  /** The PUT handler failed after the parameter check (Proxmox answers 500 with the message). */
  | 'API_UPDATE_FAILED';

export type ApiDiagnostic = Diagnostic<ApiCode>;

/** Joins the Proxmox texts of a failure: what Proxmox prints or answers, exactly. */
export function proxmoxErrorText(failure: readonly Diagnostic[]): string {
  return failure.map((d) => d.proxmoxText ?? '').join('');
}

/**
 * A `<status> <title>` failure with one diagnostic per key (sorted bytewise); the first carries the
 * title line too. `title` is `Parameter verification failed.` or `Result verification failed`.
 */
export function keyedFailure(
  code: ApiCode,
  status: string,
  title: string,
  errors: Readonly<Record<string, string>>,
): Failure<ApiCode> {
  const head = `${status === '' ? '' : status + ' '}${title}\n`;
  const reasons: Record<string, KeyedReason<ApiCode>> = Object.create(null) as Record<
    string,
    KeyedReason<ApiCode>
  >;
  for (const [key, reason] of Object.entries(errors)) reasons[key] = { code, reason };
  const out = keyedProxmoxFailure(head, reasons);
  if (out.length === 0) return [errorDiagnostic(code, title, { proxmoxText: head })];
  return out as unknown as Failure<ApiCode>;
}

/** A plain Proxmox error (`die "…\n"`): one diagnostic, the message as Proxmox's text. */
export function plainFailure(code: ApiCode, message: string, path?: string): Failure<ApiCode> {
  const text = message.endsWith('\n') ? message : message + '\n';
  return [proxmoxDiagnostic('error', code, text, path === undefined ? {} : { path })];
}
