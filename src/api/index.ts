/**
 * pctkit/api — the container config as Proxmox's API speaks it, computed from the config file: the
 * `GET …/config` data object (pending merged or not, snapshots, the file's SHA-1 `digest`) and the
 * `GET …/pending` list with the API's exact JSON types, the text `pct config` prints (after the
 * API's return-schema check), a tolerant decoder of API JSON into the typed config and the encoder
 * back to form parameters, and the minimal `PUT` from one config to another
 * ({@link planApiUpdate}) with a pure simulation of what Proxmox does with it
 * ({@link applyApiUpdate}). Pure: no Node built-ins, runs in a browser.
 * @packageDocumentation
 */
export type { ApiValue, ApiConfigData, ConfigQuery, ApiOptions } from './api-types.js';
export type { ApiCode, ApiDiagnostic } from './api-diagnostic.js';
export { proxmoxErrorText } from './api-diagnostic.js';
export { configDigest } from './digest.js';
export { getConfigData, configData, checkConfigQuery } from './get-config.js';
export { getPendingData, pendingItems } from './pending-view.js';
export type { PendingItem } from './pending-view.js';
export { verifyConfigResult, returnSchemaErrors } from './return-schema.js';
export { pctConfigText, printPctConfig } from './pct-config-text.js';
export { applyApiUpdate, applyApiUpdateToConfig, formValue } from './apply-update.js';
export type { ApiParams, ApiParamValue, ApplyApiOptions, ApplyApiResult } from './apply-update.js';
export { planApiUpdate, planParams, planIsEmpty } from './plan-update.js';
export type { ApiUpdatePlan, ApiPlanCode, PlanInput, PlanOptions } from './plan-update.js';
export { normaliseValue, sameValue } from './normalise.js';
export { decodeApiConfig, encodeApiParams } from './api-decode.js';
export type { ApiDecodeCode, DecodedApiConfig, DecodeApiOptions } from './api-decode.js';
// The error model these functions return (also used across pctkit).
export type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
export type { Result, Failure } from '../diagnostics/result.js';
