/**
 * The playground's one door to the API module (src/api/): the GET view, the `pct config` text, the
 * GET …/pending list and the minimal PUT. Everything the page shows of the API goes through here, so
 * that switching from the stand-ins to the real module is an edit of this file alone.
 *
 * Each function returns what the API module returns; `Unavailable` remains for a panel that cannot be
 * computed (the page then shows the reason and marks the panel `data-available="false"`).
 */
import {
  getConfigData,
  getPendingData,
  pctConfigText,
  planApiUpdate,
} from '../../src/api/index.js';
import type { ApiUpdatePlan } from '../../src/api/index.js';
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
export type { ApiUpdatePlan } from '../../src/api/index.js';

/** True when the outcome is a stand-in's refusal rather than the API module's answer. */
export function isUnavailable(outcome: unknown): outcome is Unavailable {
  return typeof outcome === 'object' && outcome !== null && 'unavailable' in outcome;
}

// The real API module (src/api/, `pctkit/api`), behind the page's one door.
/** `getConfigData(text, query, options)`: the `data` of GET …/config. */
export function apiGetConfig(
  text: string,
  query: ConfigQuery,
  options: VmidOption,
): Result<unknown> {
  return getConfigData(
    text,
    query.snapshot !== undefined
      ? { snapshot: query.snapshot }
      : { current: query.current === true },
    options,
  );
}

/** `getPendingData(text, options)`: the `data` of GET …/pending. */
export function apiGetPending(text: string, options: VmidOption): Result<readonly unknown[]> {
  return getPendingData(text, options);
}

/** `pctConfigText(text, query, options)`: what `pct config <vmid>` prints. */
export function apiPctConfigText(
  text: string,
  query: ConfigQuery,
  options: VmidOption,
): Result<string> {
  return pctConfigText(
    text,
    query.snapshot !== undefined
      ? { snapshot: query.snapshot }
      : { current: query.current === true },
    options,
  );
}

/** `planApiUpdate(currentText, desiredText, options)`: the minimal PUT. */
export function apiPlanUpdate(
  currentText: string,
  desiredText: string,
  options: { readonly running?: boolean },
): ApiUpdatePlan {
  return planApiUpdate(currentText, desiredText, options.running === true ? { running: true } : {});
}
