/**
 * The minimal `PUT …/config` that turns one config into another (spec C.4): compared on the
 * effective GET view (pending merged), normalised (see normalise.ts), keeping what Proxmox must not
 * invent or allocate (an existing `hwaddr`, an existing volume), with `revert` where the desired
 * value is the current one under a pending change, the current `digest` always sent, and what the
 * API cannot do reported as conflicts instead of being sent.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PctConfig } from '../config/model.js';
import { readConfig } from '../config/reader.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { warningDiagnostic } from '../diagnostics/diagnostic.js';
import { FAST_PLUG_KEYS } from '../ops/apply-pending.js';
import { cleanupPending, parsePendingDelete } from '../ops/pending-delete.js';
import { sectionDelete } from '../ops/section-values.js';
import { checkNet } from '../ops/set-config.js';
import { isMountPointKey, isUnusedKey } from '../ops/volumes.js';
import { checkApiValue } from '../schema/check-value.js';
import { schemaKey } from '../schema/key-registry.js';
import { netFormat, parseVolume, printVolume } from '../schema/formats/index.js';
import type { PropertyStringFormat } from '../schema/property-schema.js';
import { parsePropertyString, printPropertyString } from '../schema/property-string.js';
import type { ApiConfigData, ApiValue } from './api-types.js';
import type { ApiParams } from './apply-update.js';
import { configDigest } from './digest.js';
import { mergedView } from './get-config.js';
import type { PropertyStringParser } from './normalise.js';
import { normaliseValueWith, sameValue } from './normalise.js';
import { isPerlTrueValue } from './section-view.js';

/** Why a difference is not (or not only) in the request. */
export type ApiPlanCode =
  /** B lacks `memory`, `rootfs` or `ostype`: the API refuses to delete them. */
  | 'PLAN_UNDELETABLE_KEY'
  /** `unprivileged` differs: it can be neither changed nor deleted. */
  | 'PLAN_READ_ONLY_KEY'
  /** The raw `lxc.*` lines differ: not settable through the API (edit the file as root). */
  | 'PLAN_LXC_DIFFERS'
  /** A key B sets is not an API parameter (unknown key, or `parent`/`snaptime`/`lock`/`template`). */
  | 'PLAN_NOT_SETTABLE'
  /** B's value would fail the API's parameter check. */
  | 'PLAN_INVALID_VALUE'
  /** The container is locked: the PUT fails until the lock is gone. */
  | 'PLAN_LOCKED'
  /** Protection is on: volume keys cannot change or go in this request. */
  | 'PLAN_PROTECTED'
  /** B asks for a new disk (`<storage>:<size>`) where A holds a volume: the volume is kept. */
  | 'PLAN_NEW_DISK_ON_VOLUME'
  /** B drops a key with a current and a pending value: this request reverts, the next deletes. */
  | 'PLAN_NEEDS_SECOND_REQUEST';

/** The request and what it cannot express. */
export interface ApiUpdatePlan {
  /** Keys to set, as form values. */
  readonly params: Readonly<Record<string, string>>;
  /** Keys to delete (sorted). */
  readonly delete: readonly string[];
  /** Keys whose pending change to drop (sorted). */
  readonly revert: readonly string[];
  /** A's digest (the PUT fails if the file changed since). */
  readonly digest?: string;
  /** Differences not (fully) expressed in the request, as warnings with a `path`. */
  readonly conflicts: readonly Diagnostic<ApiPlanCode>[];
  /** On a running CT (`running: true`): changed keys that stay pending until a restart. */
  readonly pendingUntilRestart: readonly string[];
}

/** A config as `planApiUpdate` takes it: the file's text, or a GET `data` object. */
export type PlanInput = string | ApiConfigData;

/** Options of {@link planApiUpdate}. */
export interface PlanOptions {
  /** Whether the container runs (which changes stay pending until a restart). */
  readonly running?: boolean;
}

/** Keys never compared or sent: the API's own bookkeeping. */
const IGNORED = new Set([
  'digest',
  'lxc',
  'lock',
  'parent',
  'snaptime',
  'snapstate',
  'template',
  'unprivileged',
]);
const UNDELETABLE = new Set(['memory', 'rootfs', 'ostype']);
const NEW_DISK = new RegExp(`^[^:\\t\\n\\v\\f\\r ]+:\\d+(?:\\.\\d+)?$`);
/** Keys a running CT applies at once (besides FAST_PLUG_KEYS; new `mpN`/`devN` too). */
const HOTPLUG = new Set(['cpulimit', 'cpuunits', 'memory', 'swap']);

interface Side {
  /** The GET view (pending merged). */
  readonly effective: ApiConfigData;
  /**
   * The GET view once any PUT has run `cleanup_pending` (pending deletes of keys the current
   * config lacks are dropped, so a pending value of such a key shows again). Same as `effective`
   * for a data object.
   */
  readonly cleaned: ApiConfigData;
  /** Current values (only known from a file). */
  readonly current?: ApiConfigData;
  /** Keys with a pending value or a pending delete (only known from a file). */
  readonly pending: ReadonlySet<string>;
  /** Keys with a pending value (not only a pending delete). */
  readonly pendingValues?: ReadonlySet<string>;
  readonly digest?: string;
}

/** Whether a description holds nothing but line feeds (the writer stores no line for it). */
const EMPTY_DESCRIPTION = /^\n*$/;

/**
 * What any PUT does to the parts of a file it does not touch: `cleanup_pending`, and the rewrite
 * by the canonical writer, which drops a description of nothing but line feeds (so a pending one
 * no longer hides the current one). Everything else the writer changes leaves the GET view as is.
 */
function afterAnyPut(config: PctConfig): PctConfig {
  let out = cleanupPending(config);
  if (out.pending.description !== undefined && EMPTY_DESCRIPTION.test(out.pending.description)) {
    out = { ...out, pending: sectionDelete(out.pending, 'description') };
  }
  if (out.main.description !== undefined && EMPTY_DESCRIPTION.test(out.main.description)) {
    out = { ...out, main: sectionDelete(out.main, 'description') };
  }
  return out;
}

/** One side of the comparison; `full: false` (the desired side) computes only the GET view. */
function sideOf(input: PlanInput, full: boolean): Side {
  if (typeof input !== 'string') {
    const digest = input['digest'];
    return {
      effective: input,
      cleaned: input,
      pending: new Set(),
      ...(typeof digest === 'string' ? { digest } : {}),
    };
  }
  const config: PctConfig = readConfig(input).config;
  // The desired side's digest is never used: skip hashing it.
  const digest = full ? configDigest(input) : '';
  // Unsorted views: the plan only looks keys up (and sorts the keys it walks).
  const view = (current: boolean, from: PctConfig = config): ApiConfigData =>
    mergedView(from, digest, current);
  const effective = view(false);
  if (!full) return { effective, cleaned: effective, pending: new Set() };
  const pendingValues = new Set<string>(Object.keys(config.pending.values));
  if (config.pending.description !== undefined) pendingValues.add('description');
  if (config.pending.env !== undefined) pendingValues.add('env');
  const pending = new Set<string>([
    ...parsePendingDelete(config.pending.delete).keys(),
    ...pendingValues,
  ]);
  const cleaned = afterAnyPut(config);
  return {
    effective,
    cleaned: cleaned === config ? effective : view(false, cleaned),
    current: pending.size === 0 ? effective : view(true),
    pending,
    pendingValues,
    digest,
  };
}

/**
 * Whether the view sets `key`. A description of nothing but line feeds counts as unset: the
 * writer stores no comment line for it, so it cannot be set or kept.
 */
const has = (data: ApiConfigData, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(data, key) &&
  !(key === 'description' && /^\n*$/.test(String(data[key])));

/** Whether any compared key differs between two views. */
function differs(a: ApiConfigData, b: ApiConfigData): boolean {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (IGNORED.has(key)) continue;
    const [x, y] = [has(a, key) ? a[key] : undefined, has(b, key) ? b[key] : undefined];
    if (x === undefined || y === undefined ? x !== y : !sameValue(key, x, y)) return true;
  }
  return false;
}
/**
 * {@link parsePropertyString} remembering its results for one plan: a differing property string is
 * normalised and then read again to keep A's `hwaddr` (results are only read, never changed).
 */
function memoParser(): PropertyStringParser {
  const memo = new Map<PropertyStringFormat, Map<string, ReturnType<PropertyStringParser>>>();
  return (format, input) => {
    let byText = memo.get(format);
    if (byText === undefined) memo.set(format, (byText = new Map()));
    let parsed = byText.get(input);
    if (parsed === undefined) byText.set(input, (parsed = parsePropertyString(format, input)));
    return parsed;
  };
}

/** The keys of both views, each once. */
function unionOfKeys(a: ApiConfigData, b: ApiConfigData): string[] {
  const keys = Object.keys(a);
  for (const key of Object.keys(b))
    if (!Object.prototype.hasOwnProperty.call(a, key)) keys.push(key);
  return keys;
}

/**
 * Whether two `lxc` values are the same (absent = no pairs): compared pair by pair, as their
 * JSON would be; anything but pairs of strings (a hand-made data object) compares by its JSON.
 */
function sameLxc(a: ApiValue | undefined, b: ApiValue | undefined): boolean {
  const [x, y] = [a ?? [], b ?? []];
  if (!Array.isArray(x) || !Array.isArray(y)) return JSON.stringify(x) === JSON.stringify(y);
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const [p, q] = [x[i] as unknown, y[i] as unknown];
    if (!isPair(p) || !isPair(q)) return JSON.stringify(x) === JSON.stringify(y);
    if (p[0] !== q[0] || p[1] !== q[1]) return false;
  }
  return true;
}
const isPair = (v: unknown): v is readonly [string, string] =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string';
const text = (value: ApiValue): string => (typeof value === 'object' ? '' : String(value));

/** B's value, made safe to send against A's: A's `hwaddr` kept, A's volume kept. */
function valueToSend(
  key: string,
  a: ApiValue | undefined,
  b: ApiValue,
  conflicts: Diagnostic<ApiPlanCode>[],
  parse: PropertyStringParser,
): string {
  const desired = text(b);
  if (a === undefined) return desired;
  if (/^net\d+$/.test(key)) {
    const [before, after] = [parse(netFormat, text(a)), parse(netFormat, desired)];
    if (
      E.isRight(before) &&
      E.isRight(after) &&
      after.right['hwaddr'] === undefined &&
      before.right['hwaddr'] !== undefined
    ) {
      const merged = Object.assign(
        Object.create(null) as Record<string, string | number>,
        after.right,
        { hwaddr: before.right['hwaddr'] },
      );
      const printed = printPropertyString(netFormat, merged);
      if (E.isRight(printed)) return printed.right;
    }
  }
  if (key === 'rootfs' || isMountPointKey(key)) {
    const [before, after] = [parseVolume(key, text(a)), parseVolume(key, desired)];
    if (
      E.isRight(before) &&
      E.isRight(after) &&
      before.right.type === 'volume' &&
      NEW_DISK.test(after.right.volume)
    ) {
      conflicts.push(
        warningDiagnostic(
          'PLAN_NEW_DISK_ON_VOLUME',
          `${key}: '${after.right.volume}' would allocate a new disk; keeping ${before.right.volume} (resize it with PUT …/resize)`,
          { path: key },
        ),
      );
      const { size: _size, ...rest } = after.right;
      const printed = printVolume(key, { ...rest, volume: before.right.volume });
      if (E.isRight(printed)) return printed.right;
    }
  }
  return desired;
}

/**
 * The minimal PUT from `current` to `desired` (config texts or GET `data` objects; from a text
 * the pending section is known, so `revert` can be used). Never fails: what the API cannot do is
 * in `conflicts`, and the request holds only what it accepts.
 */
export function planApiUpdate(
  current: PlanInput,
  desired: PlanInput,
  options: PlanOptions = {},
): ApiUpdatePlan {
  const a = sideOf(current, true);
  const b = sideOf(desired, false).effective;
  const conflicts: Diagnostic<ApiPlanCode>[] = [];
  const parse = memoParser();
  const params = Object.create(null) as Record<string, string>;
  const deletes: string[] = [];
  const reverts: string[] = [];
  // Nothing to send when the views already agree (a PUT would only run cleanup_pending).
  // (When no PUT side effect changes A's view, the walk below finds that by itself.)
  const keys =
    a.cleaned === a.effective || differs(a.effective, b) ? unionOfKeys(a.cleaned, b).sort() : [];
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    const before = has(a.cleaned, key) ? a.cleaned[key] : undefined;
    const after = has(b, key) ? b[key] : undefined;
    if (after === undefined) {
      if (before === undefined) continue;
      if (UNDELETABLE.has(key))
        conflicts.push(
          warningDiagnostic(
            'PLAN_UNDELETABLE_KEY',
            `${key}: the API cannot delete it (unable to delete required option '${key}')`,
            { path: key },
          ),
        );
      else if (schemaKey(key) === undefined)
        conflicts.push(
          warningDiagnostic('PLAN_NOT_SETTABLE', `${key}: not an API parameter; it stays`, {
            path: key,
          }),
        );
      else if (a.current !== undefined && !has(a.current, key) && a.pending.has(key))
        reverts.push(key);
      else if (a.pendingValues?.has(key) === true) {
        // Deleting a key applies its pending value (the delete keeps it), and revert and delete of
        // one key cannot share a request: revert now, delete in the next request.
        reverts.push(key);
        conflicts.push(
          warningDiagnostic(
            'PLAN_NEEDS_SECOND_REQUEST',
            `${key}: has a pending value; reverted now, delete it in a second request`,
            { path: key },
          ),
        );
      } else deletes.push(key);
      continue;
    }
    // A's normalised value, computed once: it is compared up to twice (a parse for a property string).
    const normalBefore =
      before === undefined || before === after ? undefined : normaliseValueWith(key, before, parse);
    if (
      before !== undefined &&
      (before === after || normalBefore === normaliseValueWith(key, after, parse))
    )
      continue;
    if (schemaKey(key) === undefined) {
      conflicts.push(
        warningDiagnostic('PLAN_NOT_SETTABLE', `${key}: not an API parameter; it cannot be set`, {
          path: key,
        }),
      );
      continue;
    }
    // Prefer revert: the desired value is the current one under a pending change.
    const cur = a.current !== undefined && has(a.current, key) ? a.current[key] : undefined;
    if (a.pending.has(key) && cur !== undefined && sameValue(key, cur, after)) {
      reverts.push(key);
      continue;
    }
    const value = valueToSend(key, before, after, conflicts, parse);
    // Unchanged by valueToSend: already known to differ from A.
    if (
      before !== undefined &&
      value !== after &&
      normalBefore === normaliseValueWith(key, value, parse)
    )
      continue;
    const checked = checkApiValue(key, value);
    // checkNet only objects to `host-managed=1` (the net format has no default key or alias, so
    // the field is set only where its name is written): skip its parse when the name is absent.
    const netError =
      E.isRight(checked) && /^net\d+$/.test(key) && value.includes('host-managed')
        ? checkNet(value)
        : undefined;
    if (netError !== undefined) {
      conflicts.push(warningDiagnostic('PLAN_INVALID_VALUE', `${key}: ${netError}`, { path: key }));
      continue;
    }
    if (E.isLeft(checked)) {
      conflicts.push(
        warningDiagnostic(
          'PLAN_INVALID_VALUE',
          `${key}: ${checked.left.message.split('\n')[0] ?? ''}`,
          { path: key },
        ),
      );
      continue;
    }
    params[key] = value;
  }
  if (
    has(b, 'unprivileged') &&
    (!has(a.effective, 'unprivileged') ||
      !sameValue(
        'unprivileged',
        a.effective['unprivileged'] as ApiValue,
        b['unprivileged'] as ApiValue,
      ))
  ) {
    conflicts.push(
      warningDiagnostic(
        'PLAN_READ_ONLY_KEY',
        "unprivileged: read-only after creation (unable to modify read-only option: 'unprivileged')",
        { path: 'unprivileged' },
      ),
    );
  }
  if (!sameLxc(a.effective['lxc'], b['lxc'])) {
    conflicts.push(
      warningDiagnostic(
        'PLAN_LXC_DIFFERS',
        'lxc: raw lxc.* lines differ; the API cannot set them (edit the file as root)',
        { path: 'lxc' },
      ),
    );
  }
  const changed = [...Object.keys(params), ...deletes];
  const lock = (a.current ?? a.effective)['lock'];
  if (changed.length + reverts.length > 0 && isPerlTrueValue(lock)) {
    conflicts.push(
      warningDiagnostic(
        'PLAN_LOCKED',
        `CT is locked (${text(lock as ApiValue)}): the PUT fails until the lock is removed`,
        { path: 'lock' },
      ),
    );
  }
  if (isPerlTrueValue((a.current ?? a.effective)['protection'])) {
    // Protection forbids changing rootfs/mpN and deleting them or unusedN (checked on the current config).
    for (const key of changed) {
      const deleted = deletes.includes(key);
      if (key === 'rootfs' || isMountPointKey(key) || (deleted && isUnusedKey(key))) {
        conflicts.push(
          warningDiagnostic(
            'PLAN_PROTECTED',
            `${key}: protection mode is enabled; turn it off in an earlier request`,
            {
              path: key,
            },
          ),
        );
      }
    }
  }
  const pendingUntilRestart =
    options.running === true
      ? changed
          .filter(
            (key) =>
              !(
                FAST_PLUG_KEYS.has(key) ||
                HOTPLUG.has(key) ||
                /^net\d+$/.test(key) ||
                ((isMountPointKey(key) || /^dev\d+$/.test(key)) &&
                  !has(a.effective, key) &&
                  has(params, key))
              ),
          )
          .sort()
      : [];
  return {
    params,
    delete: deletes,
    revert: reverts,
    ...(a.digest !== undefined ? { digest: a.digest } : {}),
    conflicts,
    pendingUntilRestart,
  };
}

/** The plan as PUT parameters (`delete`/`revert` comma-joined, `digest` included). */
export function planParams(plan: ApiUpdatePlan): ApiParams {
  const out: Record<string, string> = Object.assign(
    Object.create(null) as Record<string, string>,
    plan.params,
  );
  if (plan.delete.length > 0) out['delete'] = plan.delete.join(',');
  if (plan.revert.length > 0) out['revert'] = plan.revert.join(',');
  if (plan.digest !== undefined) out['digest'] = plan.digest;
  return out;
}

/** Whether the plan changes anything. */
export function planIsEmpty(plan: ApiUpdatePlan): boolean {
  return (
    Object.keys(plan.params).length === 0 && plan.delete.length === 0 && plan.revert.length === 0
  );
}
