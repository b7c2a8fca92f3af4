/**
 * The playground's one door to the API module (src/api/): the GET view, the `pct config` text, the
 * GET …/pending list and the minimal PUT. Everything the page shows of the API goes through here, so
 * that switching from the stand-ins to the real module is an edit of this file alone.
 *
 * Each function returns either what the API module returns, or `{ unavailable }` saying why it
 * cannot. The page shows the reason and marks the API panels `data-available="false"`; the browser
 * test asserts on those panels only when they are available.
 */
import type { Result } from '../../src/diagnostics/index.js';

/** Why a panel cannot be computed. */
export interface Unavailable {
  readonly unavailable: string;
}

/** Which section the GET view shows: pending merged (`current=0`), `current=1` or a snapshot. */
export interface ConfigQuery {
  readonly current?: boolean;
  readonly snapshot?: string;
}

export interface VmidOption {
  readonly vmid?: number;
}

/** The request `planApiUpdate` plans: what to PUT to `/nodes/{node}/lxc/{vmid}/config`. */
export interface ApiUpdatePlan {
  readonly params: unknown;
  readonly delete: unknown;
  readonly revert: unknown;
  readonly digest: unknown;
  readonly conflicts: unknown;
}

/** True when the outcome is a stand-in's refusal rather than the API module's answer. */
export function isUnavailable(outcome: unknown): outcome is Unavailable {
  return typeof outcome === 'object' && outcome !== null && 'unavailable' in outcome;
}

// ---------------------------------------------------------------------------------------------
// STAND-INS: the API module (src/api/) is not merged into this branch yet. After merging, replace
// each body below with the call it names, e.g.
//   import { getConfigData, getPendingData, pctConfigText, planApiUpdate } from '../../src/api/index.js';
//   export const apiGetConfig = (text, query, options) => getConfigData(text, query, options);
// and the browser test's REQUIRE_API (test/playground/playground.test.ts) to true.
// ---------------------------------------------------------------------------------------------
const NOT_MERGED: Unavailable = { unavailable: 'API module not merged yet' };

/** STAND-IN for `getConfigData(text, query, options)`: the `data` of GET …/config. */
export function apiGetConfig(
  _text: string,
  _query: ConfigQuery,
  _options: VmidOption,
): Result<unknown> | Unavailable {
  return NOT_MERGED;
}

/** STAND-IN for `getPendingData(text, options)`: the `data` of GET …/pending. */
export function apiGetPending(
  _text: string,
  _options: VmidOption,
): Result<readonly unknown[]> | Unavailable {
  return NOT_MERGED;
}

/** STAND-IN for `pctConfigText(text, query, options)`: what `pct config <vmid>` prints. */
export function apiPctConfigText(
  _text: string,
  _query: ConfigQuery,
  _options: VmidOption,
): Result<string> | Unavailable {
  return NOT_MERGED;
}

/** STAND-IN for `planApiUpdate(currentText, desiredText, options)`: the minimal PUT. */
export function apiPlanUpdate(
  _currentText: string,
  _desiredText: string,
  _options: { readonly running?: boolean },
): ApiUpdatePlan | Unavailable {
  return NOT_MERGED;
}
