/** The error model: one diagnostic shape and one result shape for the whole library. */
export {
  diagnostic,
  errorDiagnostic,
  warningDiagnostic,
  hasErrors,
  keyedProxmoxFailure,
  messageOfProxmoxText,
  proxmoxDiagnostic,
  formatLocated,
  proxmoxTextOf,
  withCode,
} from './diagnostic.js';
export type { Diagnostic, DiagnosticLocation, KeyedReason, Severity } from './diagnostic.js';
export { ok, fail } from './result.js';
export type { Failure, Result } from './result.js';
