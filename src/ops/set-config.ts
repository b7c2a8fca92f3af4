/**
 * `pct set` / `PUT /nodes/…/lxc/<vmid>/config` (`update_pct_config`, spec §5.2) as a pure
 * transform: API-level validation of every parameter first (nothing changes on any error, and the
 * error names each offending key), then revert → delete → set → `cleanup_pending` → apply (stopped
 * CT) or hotplug (running CT) of the keys of this call.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigValue, PctConfig } from '../config/model.js';
import { valueText } from '../config/writer.js';
import { isPerlTrue, splitList } from '../perl/index.js';
import { checkApiValue } from '../schema/check-value.js';
import { schemaKey } from '../schema/key-registry.js';
import { netFormat } from '../schema/formats/index.js';
import { parsePropertyString } from '../schema/property-string.js';
import type { ConfigAction } from './actions.js';
import type { PendingChange, PendingHost } from './apply-pending.js';
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

/** A failed `pct set`: the config is unchanged. */
export interface SetFailure {
  /** Proxmox-style text: `CT is locked (…)` or `Parameter verification failed.` plus one line per key. */
  readonly message: string;
  /** The offending keys and why (empty for a lock failure). */
  readonly errors: Readonly<Record<string, string>>;
}

/** The outcome of a successful `pct set`. */
export interface SetResult {
  /** The config to write. */
  readonly config: PctConfig;
  /** What the runtime must do now (hotplug on a running CT; volume work on a stopped one). */
  readonly actions: readonly ConfigAction[];
  /** What is left in `[pve:pending]` afterwards (`GET /pending` rows that have a change). */
  readonly pending: readonly PendingChange[];
  /** Proxmox's warnings, each ending in `\n`. */
  readonly warnings: readonly string[];
  /** pctkit's own remarks on Proxmox quirks. */
  readonly notices: readonly string[];
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

function failure(errors: Record<string, string>): SetFailure {
  const keys = Object.keys(errors).sort();
  return {
    message:
      'Parameter verification failed.\n' +
      keys.map((k) => `${k}: ${errors[k] as string}\n`).join(''),
    errors,
  };
}

/**
 * Runs `pct set`: validates every parameter (API schema: type, format, range, enum; read-only and
 * internal keys; conflicting set/delete/revert of one key; required or protected keys), then
 * changes the config. Left when anything is invalid or the CT is locked; the input is unchanged.
 */
export function setConfig(
  config: PctConfig,
  request: SetRequest,
  host: SetHost = {},
): E.Either<SetFailure, SetResult> {
  const vmid = host.vmid ?? 0;
  const lock = config.main.values['lock'];
  if (request.skipLock !== true && lock !== undefined && isPerlTrue(valueText(lock))) {
    return E.left({ message: `CT is locked (${valueText(lock)})\n`, errors: {} });
  }
  const errors: Record<string, string> = {};
  const set = request.set ?? {};
  const deletes = (request.delete ?? []).map((token) =>
    token.startsWith('!') ? { key: token.slice(1), force: true } : { key: token, force: false },
  );
  const reverts = request.revert ?? [];
  const deleteKeys = new Set(deletes.map((d) => d.key));

  const values: Record<string, ConfigValue> = {};
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
  const warnings: string[] = [];
  const toDelete: Array<{ key: string; force: boolean }> = [];
  for (const { key, force } of deletes) {
    if (schemaKey(key) === undefined || INTERNAL_KEYS.has(key)) {
      errors[key] = `unknown option '${key}'`;
      continue;
    }
    if (!sectionHas(config.main, key) && !sectionHas(config.pending, key)) {
      warnings.push(`cannot delete '${key}' - not set in current configuration!\n`);
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
    if (E.isLeft(hot)) return E.left(failure({ ...hot.left }));
    applied = hot.right;
  } else {
    applied = applyPending(conf, host, modified);
    // A stopped CT: what could not be applied is a parameter error of the request (nothing is written).
    const failed = applied.failures;
    if (Object.keys(failed).length > 0) return E.left(failure({ ...failed }));
  }
  return E.right({
    config: applied.config,
    actions: applied.actions,
    pending: pendingChanges(applied.config).filter(
      (c) => c.pending !== undefined || c.delete !== undefined,
    ),
    warnings: [...warnings, ...applied.warnings],
    notices: applied.notices,
  });
}
