/**
 * `pct set` / `PUT /nodes/…/lxc/<vmid>/config` (`update_pct_config`, spec §5.2) as a pure
 * transform: API-level validation of every parameter first (nothing changes on any error, and the
 * error names each offending key), then revert → delete → set → `cleanup_pending` → apply (stopped
 * CT) or hotplug (running CT) of the keys of this call.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigValue, PctConfig } from '../config/model.js';
import { keyedProxmoxFailure, proxmoxDiagnostic } from '../diagnostics/diagnostic.js';
import type { Diagnostic, KeyedReason } from '../diagnostics/diagnostic.js';
import type { Failure, Result } from '../diagnostics/result.js';
import { valueText } from '../config/writer.js';
import { isPerlTrue, splitList } from '../perl/index.js';
import { checkApiValue } from '../schema/check-value.js';
import { schemaKey } from '../schema/key-registry.js';
import { netFormat } from '../schema/formats/index.js';
import { parsePropertyString } from '../schema/property-string.js';
import type { ConfigAction } from './actions.js';
import type {
  PendingChange,
  PendingCode,
  PendingDiagnostic,
  PendingHost,
} from './apply-pending.js';
import { applyPending, hotplugPending, pendingChanges } from './apply-pending.js';
import {
  addPendingDelete,
  cleanupPending,
  removePendingDelete,
  withPendingDelete,
} from './pending-delete.js';
import { sectionDelete, sectionHas, sectionSet } from './section-values.js';
import { isMountPointKey, isUnusedKey } from './volumes.js';

/** What `pct set` is asked to do. */
export interface SetRequest {
  /** Keys to set, with the value as given on the command line / API. */
  readonly set?: Readonly<Record<string, string>>;
  /** Keys to delete; `!key` forces the delete (AbstractConfig's force flag). */
  readonly delete?: readonly string[];
  /** Keys whose pending change is reverted. */
  readonly revert?: readonly string[];
  /** Whether the container is running (hotplug) or stopped (applied at once). */
  readonly running: boolean;
  /** Skip the lock check (`--skiplock`). */
  readonly skipLock?: boolean;
}

/** How the datacenter orders and deduplicates tags (`tag-style`). */
export interface TagStyle {
  /** Keep case (default false: tags are lower-cased and deduplicated ignoring case). */
  readonly caseSensitive?: boolean;
  /** `alphabetical` (default) sorts case-insensitively; `config` keeps the given order. */
  readonly ordering?: 'alphabetical' | 'config';
}

/** Host inputs of `pct set`. */
export interface SetHost extends PendingHost {
  /** The container ID, for messages (default 0). */
  readonly vmid?: number | string;
  /** Zone names of the host's zone.tab, for `timezone` (any name when absent). */
  readonly timezones?: ReadonlySet<string>;
  /** The datacenter `tag-style`. */
  readonly tagStyle?: TagStyle;
}

/**
 * What `pct set` reports. A failure is `SET_CT_LOCKED`, or one error per offending key (`path`, in
 * key order): `SET_PARAMETER_INVALID`, or the pending codes when applying (stopped CT) or
 * hotplugging (running CT) the change failed. Their `proxmoxText`s, joined, are Proxmox's answer
 * (`Parameter verification failed.` then `<key>: <why>` per key).
 */
export type SetCode =
  /** The container holds a lock (`CT is locked (<lock>)`); `skipLock` overrides it. */
  | 'SET_CT_LOCKED'
  /**
   * A parameter the API refuses (schema, read-only or internal key, unknown key, conflicting
   * set/delete/revert, required or protected key); `path` is the key.
   */
  | 'SET_PARAMETER_INVALID'
  /** A key to delete is set nowhere (`cannot delete '<key>' - not set in current configuration!`). */
  | 'SET_DELETE_NOT_SET'
  | PendingCode;

/** A diagnostic of {@link setConfig}. */
export type SetDiagnostic = Diagnostic<SetCode>;

/** The outcome of a successful `pct set`. */
export interface SetResult {
  /** The config to write. */
  readonly config: PctConfig;
  /** What the runtime must do now (hotplug on a running CT; volume work on a stopped one). */
  readonly actions: readonly ConfigAction[];
  /** What is left in `[pve:pending]` afterwards (`GET /pending` rows that have a change). */
  readonly pending: readonly PendingChange[];
  /**
   * Warnings (`SET_DELETE_NOT_SET`, with Proxmox's text) and notices (pctkit's remarks on Proxmox
   * quirks, e.g. `PENDING_NET_DELETE_DEFERRED`), in the order Proxmox would print them.
   */
  readonly diagnostics: readonly SetDiagnostic[];
}

/** Keys the API does not accept even though they are in the config schema. */
const INTERNAL_KEYS = new Set(['parent', 'snaptime']);
const REQUIRED_KEYS = new Set(['memory', 'rootfs', 'ostype']);
const NOT_IN_SCHEMA =
  'property is not defined in schema and the schema does not allow additional properties';

/** Clamps `cpuunits` as the API does: cgroup v2 at most 10000, v1 at least 2. */
export function clampCpuUnits(value: number, cgroupVersion: 1 | 2): number {
  if (cgroupVersion === 2) return value >= 10000 ? 10000 : value;
  return value < 2 ? 2 : value;
}

/** `get_unique_tags`: split, deduplicate, lower-case (unless case-sensitive), sort (unless `config`). */
export function uniqueTags(value: string, style: TagStyle = {}): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of splitList(value)) {
    const t = style.caseSensitive === true ? tag : tag.toLowerCase();
    if (seen.has(t)) continue;
    seen.add(t);
    out.push(t);
  }
  if (style.ordering !== 'config') {
    out.sort((a, b) => {
      const x = a.toLowerCase();
      const y = b.toLowerCase();
      return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
    });
  }
  return out.join(';');
}

/** Normalises a value as `update_pct_config` stores it. */
function normalise(key: string, value: ConfigValue, host: SetHost): ConfigValue {
  if (key === 'nameserver' || key === 'searchdomain') return splitList(valueText(value)).join(' ');
  if (key === 'tags') return uniqueTags(valueText(value), host.tagStyle);
  if (key === 'cpuunits' && typeof value === 'number')
    return clampCpuUnits(value, host.cgroupVersion ?? 2);
  return value;
}

/** Extra API checks of a `netN` value: host-managed interfaces cannot use SLAAC unless link_down. */
export function checkNet(value: string): string | undefined {
  const parsed = parsePropertyString(netFormat, value);
  if (E.isLeft(parsed)) return undefined;
  const net = parsed.right;
  if (net['host-managed'] === 1 && net['ip6'] === 'auto' && net['link_down'] !== 1) {
    return 'ip6=auto (SLAAC) is not possible with host-managed=1 unless link_down=1';
  }
  return undefined;
}

function trimMessage(message: string): string {
  return message.replace(/\n+$/, '');
}

const VERIFICATION_FAILED = 'Parameter verification failed.\n';

/**
 * `raise_param_exc`: one error per key, sorted; the first `proxmoxText` carries the title line, so
 * the texts joined are Proxmox's message. `errors` holds each key's reason, or the pending diagnostic
 * that failed it.
 */
function failure(errors: Readonly<Record<string, string | PendingDiagnostic>>): Failure<SetCode> {
  const reasons: Record<string, KeyedReason<SetCode>> = Object.create(null) as Record<
    string,
    KeyedReason<SetCode>
  >;
  for (const [key, e] of Object.entries(errors)) {
    reasons[key] =
      typeof e === 'string'
        ? { code: 'SET_PARAMETER_INVALID', reason: e }
        : { code: e.code, reason: e.proxmoxText ?? e.message };
  }
  return keyedProxmoxFailure(VERIFICATION_FAILED, reasons) as unknown as Failure<SetCode>;
}

/**
 * Runs `pct set`: validates every parameter (API schema: type, format, range, enum; read-only and
 * internal keys; conflicting set/delete/revert of one key; required or protected keys), then
 * changes the config. Left when anything is invalid or the CT is locked (see {@link SetCode}); the
 * input is unchanged.
 */
export function setConfig(
  config: PctConfig,
  request: SetRequest,
  host: SetHost = {},
): Result<SetResult, SetCode> {
  const vmid = host.vmid ?? 0;
  const lock = config.main.values['lock'];
  if (request.skipLock !== true && lock !== undefined && isPerlTrue(valueText(lock))) {
    const text = `CT is locked (${valueText(lock)})`;
    return E.left([proxmoxDiagnostic('error', 'SET_CT_LOCKED', `${text}\n`, { path: 'lock' })]);
  }
  const errors: Record<string, string> = Object.create(null) as Record<string, string>;
  const set = request.set ?? {};
  const deletes = (request.delete ?? []).map((token) =>
    token.startsWith('!') ? { key: token.slice(1), force: true } : { key: token, force: false },
  );
  const reverts = request.revert ?? [];
  const deleteKeys = new Set(deletes.map((d) => d.key));

  const values: Record<string, ConfigValue> = Object.create(null) as Record<string, ConfigValue>;
  for (const key of Object.keys(set).sort()) {
    const raw = set[key] as string;
    if (deleteKeys.has(key)) {
      errors[key] = `you can't use '-${key}' and '-delete ${key}' at the same time`;
      continue;
    }
    if (reverts.includes(key)) {
      errors[key] = `you can't use '-${key}' and '-revert ${key}' at the same time`;
      continue;
    }
    if (INTERNAL_KEYS.has(key)) {
      errors[key] = NOT_IN_SCHEMA;
      continue;
    }
    const checked = checkApiValue(
      key,
      raw,
      host.timezones !== undefined ? { timezones: host.timezones } : {},
    );
    if (E.isLeft(checked)) {
      errors[key] = trimMessage(checked.left.message);
      continue;
    }
    if (key === 'unprivileged') {
      errors[key] = `unable to modify read-only option: '${key}'`;
      continue;
    }
    if (/^net\d+$/.test(key)) {
      const bad = checkNet(raw);
      if (bad !== undefined) {
        errors[key] = bad;
        continue;
      }
    }
    values[key] = normalise(key, checked.right, host);
  }
  for (const key of reverts) {
    if (schemaKey(key) === undefined || INTERNAL_KEYS.has(key))
      errors[key] = `unknown option '${key}'`;
    else if (deleteKeys.has(key))
      errors[key] = `you can't use '-delete ${key}' and '-revert ${key}' at the same time`;
  }
  const warnings: SetDiagnostic[] = [];
  const toDelete: Array<{ key: string; force: boolean }> = [];
  for (const { key, force } of deletes) {
    if (schemaKey(key) === undefined || INTERNAL_KEYS.has(key)) {
      errors[key] = `unknown option '${key}'`;
      continue;
    }
    if (!sectionHas(config.main, key) && !sectionHas(config.pending, key)) {
      const text = `cannot delete '${key}' - not set in current configuration!`;
      warnings.push(proxmoxDiagnostic('warning', 'SET_DELETE_NOT_SET', `${text}\n`, { path: key }));
      continue;
    }
    if (REQUIRED_KEYS.has(key)) errors[key] = `unable to delete required option '${key}'`;
    else if (key === 'unprivileged') errors[key] = `unable to delete read-only option: '${key}'`;
    else if (
      (isMountPointKey(key) || isUnusedKey(key)) &&
      isPerlTrue(valueText(config.main.values['protection'] ?? 0))
    ) {
      errors[key] = `can't remove CT ${vmid} volume '${key}' - protection mode enabled`;
    } else toDelete.push({ key, force });
  }
  if (Object.keys(errors).length > 0) return E.left(failure(errors));

  let conf = config;
  let pending = conf.pending;
  for (const key of reverts) {
    pending = sectionDelete(pending, key);
    if (pending.delete !== undefined)
      pending = withPendingDelete(pending, removePendingDelete(pending.delete, key));
  }
  const modified = new Set<string>();
  for (const { key, force } of toDelete) {
    // add_to_pending_delete keeps a pending value, so applying the delete applies that value (PUT vector delete-pending-only-key).
    if (request.running) pending = sectionDelete(pending, key);
    pending = withPendingDelete(pending, addPendingDelete(pending.delete, key, force));
    modified.add(key);
  }
  for (const key of Object.keys(values).sort()) {
    pending = sectionSet(pending, key, values[key] as ConfigValue);
    if (pending.delete !== undefined)
      pending = withPendingDelete(pending, removePendingDelete(pending.delete, key));
    modified.add(key);
  }
  conf = cleanupPending({ ...conf, pending });

  let applied;
  if (request.running) {
    const hot = hotplugPending(conf, host, modified);
    if (E.isLeft(hot)) return E.left(failure(byKey(hot.left)));
    applied = hot.right;
  } else {
    applied = applyPending(conf, host, modified);
    // A stopped CT: what could not be applied is a parameter error of the request (nothing is written).
    const failed = applied.diagnostics.filter((d) => d.code === 'PENDING_NOT_APPLIED');
    if (failed.length > 0) return E.left(failure(byKey(failed)));
  }
  return E.right({
    config: applied.config,
    actions: applied.actions,
    pending: pendingChanges(applied.config).filter(
      (c) => c.pending !== undefined || c.delete !== undefined,
    ),
    diagnostics: [...warnings, ...applied.diagnostics],
  });
}

/** The pending diagnostics by key (each has its key as `path`). */
function byKey(diagnostics: readonly PendingDiagnostic[]): Record<string, PendingDiagnostic> {
  const out: Record<string, PendingDiagnostic> = Object.create(null) as Record<
    string,
    PendingDiagnostic
  >;
  for (const d of diagnostics) out[d.path ?? ''] = d;
  return out;
}
