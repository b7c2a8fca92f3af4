/**
 * The typed view of one config section (`ContainerConfig`): every schema key as its typed value,
 * the indexed families grouped by index, description, `env`, the raw `lxc.*` pairs with their
 * views, and what Proxmox keeps but the types cannot hold (`unknown` keys, `invalid` values, and the
 * `source` texts of values whose text is not the canonical one). Decoded from and encoded to the
 * reader's `ConfigSection`.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';
import type { ConfigSection, ConfigValue } from '../config/model.js';
import { parsedFieldsFor, type ParsedFieldTable } from '../config/parsed-fields.js';
import type { ValueCheckOptions } from '../schema/check-value.js';
import type { CheckLevel, ValueFailure } from './check-level.js';
import { DevicePassthrough } from './device.js';
import { LxcSettings, lxcSettings } from './lxc-views.js';
import { MountPoint } from './mount-point.js';
import { NetInterface } from './net.js';
import { PendingDelete, parsePendingDeletes, printPendingDeletes } from './pending-delete.js';
import type { AnyHandler, FamilyKey, PropertyHandler, ScalarKey } from './properties.js';
import { apiFailureOf, familyHandlers, keyEntry, keyInfo, scalarHandlers, sourceTextOf, storedValueOf, storedValueText } from './properties.js';
import { decodeObjectWith } from './property-object.js';
import { UnusedVolume } from './unused.js';
import { deepEqual } from './field-kinds.js';

type ShapesOf<H> = { [K in keyof H]: H[K] extends PropertyHandler<infer A> ? t.Type<A, A, unknown> : never };

function shapesOf<H extends Record<string, AnyHandler>>(handlers: H): ShapesOf<H> {
  const out: Record<string, t.Mixed> = {};
  for (const [k, h] of Object.entries(handlers)) out[k] = h.shape;
  return out as ShapesOf<H>;
}

const TextRecord = t.readonly(t.record(t.string, t.string));

/**
 * One section of a container config, typed. Scalar keys keep their Proxmox names (`memory: 512`,
 * `onboot: true`, `ostype: 'debian'`, `tags: ['a', 'b']`, `startup: { order: 1 }`); the indexed
 * families are grouped by index (`net: { 0: { name: 'eth0', … } }`, `mp`, `unused`, `dev`);
 * `description` is the decoded comment text and `env` the `lxc.environment.runtime` items.
 *
 * What Proxmox keeps and the types cannot hold is kept too: `unknown` (keys not in the schema, raw
 * text), `invalid` (values the reader refuses but keeps, raw text) and `source` (the stored text of
 * a scalar whose text is not the canonical print of its typed value, e.g. `cpulimit: '1.50'`,
 * `delete: 'swap;cores'`; used while the typed value still matches it). Property-string values keep
 * their own text in `raw`.
 */
export const ContainerConfig = t.readonly(
  t.partial({
    ...shapesOf(scalarHandlers),
    net: t.readonly(t.record(t.string, NetInterface)),
    mp: t.readonly(t.record(t.string, MountPoint)),
    unused: t.readonly(t.record(t.string, UnusedVolume)),
    dev: t.readonly(t.record(t.string, DevicePassthrough)),
    lxc: LxcSettings,
    unknown: TextRecord,
    invalid: TextRecord,
    source: TextRecord,
  }),
  'ContainerConfig',
);
/** One section of a container config, typed (see {@link ContainerConfig}). */
export type ContainerConfig = t.TypeOf<typeof ContainerConfig>;

/** The `[pve:pending]` section: a {@link ContainerConfig} plus the parsed `delete` list. */
export const PendingChanges = t.intersection(
  [ContainerConfig, t.readonly(t.partial({ delete: t.readonlyArray(PendingDelete), snapstate: t.string }))],
  'PendingChanges',
);
/** The `[pve:pending]` section (see {@link PendingChanges}). */
export type PendingChanges = t.TypeOf<typeof PendingChanges>;

/** A snapshot section: a {@link ContainerConfig} plus `snapstate` (`prepare`/`delete`) while unfinished. */
export const SnapshotConfig = t.intersection([ContainerConfig, t.readonly(t.partial({ snapstate: t.string }))], 'SnapshotConfig');
/** A snapshot section (see {@link SnapshotConfig}). */
export type SnapshotConfig = t.TypeOf<typeof SnapshotConfig>;

/** A value refused at the API level while decoding (the reader level is reported by the reader). */
export interface SectionProblem {
  readonly key: string;
  readonly failure: ValueFailure;
}

function textRecord(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/**
 * Decodes one section. API-level refusals go to `report` when `level` is `api`; values the reader
 * refuses go to `invalid` (the reader has reported them already).
 */
export function decodeSection(
  section: ConfigSection,
  level: CheckLevel = 'reader',
  options: ValueCheckOptions = {},
  report: (problem: SectionProblem) => void = () => undefined,
  /** The reader's parsed fields of this very section (`ReadResult.parsedFields`), to skip a second parse. */
  parsed?: ParsedFieldTable,
): PendingChanges {
  const out: Record<string, unknown> = {};
  let unknown: Record<string, string> | undefined;
  let invalid: Record<string, string> | undefined;
  let source: Record<string, string> | undefined;
  const values = section.values;
  let family: string | undefined;
  let members: Record<number, unknown> | undefined;
  for (const key of Object.keys(values)) {
    const stored = values[key] as ConfigValue;
    const entry = keyEntry(key);
    if (entry === undefined) {
      (unknown ??= textRecord())[key] = storedValueText(stored);
      continue;
    }
    const info = entry.info;
    const h = info.handler;
    // A property string the reader accepted is decoded from the fields it parsed (no second parse).
    const plan = typeof stored === 'string' ? entry.plan : undefined;
    const r = plan !== undefined ? decodeObjectWith(plan, stored as string, parsedFieldsFor(parsed, key, stored as string, plan.spec.format)) : h.fromStored(stored, options);
    if (E.isLeft(r)) {
      (invalid ??= textRecord())[key] = storedValueText(stored);
      continue;
    }
    const v = r.right;
    if (!h.keepsRaw && typeof stored === 'string') {
      const text = sourceTextOf(h, stored, v);
      if (text !== undefined) (source ??= textRecord())[key] = text;
    }
    if (level === 'api') {
      const f = h.apiCheck(storedValueText(stored), v);
      if (f !== undefined) report({ key, failure: f });
    }
    if (info.kind === 'scalar') out[info.key] = v;
    else {
      // Members of a family mostly come together (`mp0`, `mp1`, …): keep the last family's object.
      if (info.family !== family) {
        family = info.family;
        members = (out[family] ??= {}) as Record<number, unknown>;
      }
      (members as Record<number, unknown>)[info.index] = v;
    }
  }
  if (section.description !== undefined) {
    out['description'] = section.description;
    if (level === 'api') {
      const f = apiFailureOf('description', section.description);
      if (f !== undefined) report({ key: 'description', failure: f });
    }
  }
  if (section.env !== undefined) {
    out['env'] = section.env.split('\0');
    if (level === 'api') {
      const f = apiFailureOf('env', section.env);
      if (f !== undefined) report({ key: 'env', failure: f });
    }
  }
  if (section.lxc.length > 0) out['lxc'] = lxcSettings(section.lxc);
  if (section.delete !== undefined) {
    const deletes = parsePendingDeletes(section.delete);
    out['delete'] = deletes;
    if (printPendingDeletes(deletes) !== section.delete) (source ??= textRecord())['delete'] = section.delete;
  }
  if (section.snapstate !== undefined) out['snapstate'] = section.snapstate;
  if (unknown !== undefined) out['unknown'] = unknown;
  if (invalid !== undefined) out['invalid'] = invalid;
  if (source !== undefined) out['source'] = source;
  return out as PendingChanges;
}

const NOT_VALUES = new Set<string>(['description', 'env']);

/** Encodes a typed section back to the reader's model (see {@link ContainerConfig} for the texts kept). */
export function encodeSection(config: PendingChanges, options: ValueCheckOptions = {}): ConfigSection {
  const values = Object.create(null) as Record<string, ConfigValue>;
  const source = config.source;
  if (config.unknown !== undefined) for (const k of Object.keys(config.unknown)) values[k] = config.unknown[k] as string;
  if (config.invalid !== undefined) for (const k of Object.keys(config.invalid)) values[k] = config.invalid[k] as string;
  const typed = config as Record<string, unknown>;
  for (const key of Object.keys(scalarHandlers) as ScalarKey[]) {
    if (NOT_VALUES.has(key)) continue;
    const v = typed[key];
    if (v === undefined) continue;
    const h = scalarHandlers[key] as PropertyHandler<unknown>;
    values[key] = storedValueOf(h, v, source?.[key], options);
  }
  for (const family of Object.keys(familyHandlers) as FamilyKey[]) {
    const members = typed[family] as Readonly<Record<string, unknown>> | undefined;
    if (members === undefined) continue;
    const h = familyHandlers[family] as PropertyHandler<unknown>;
    for (const index of Object.keys(members)) values[`${family}${index}`] = h.toStored(members[index]);
  }
  const out: {
    values: Record<string, ConfigValue>;
    lxc: ReadonlyArray<readonly [string, string]>;
    description?: string;
    env?: string;
    delete?: string;
    snapstate?: string;
  } = { values, lxc: config.lxc?.pairs ?? [] };
  if (config.description !== undefined) out.description = config.description;
  if (config.env !== undefined) out.env = config.env.join('\0');
  if (config.delete !== undefined) {
    const raw = source?.['delete'];
    out.delete = raw !== undefined && deepEqual(parsePendingDeletes(raw), config.delete) ? raw : printPendingDeletes(config.delete);
  }
  if (config.snapstate !== undefined) out.snapstate = config.snapstate;
  return out;
}

/** True when `key` is a config key the typed view holds as a typed value (schema keys). */
export function isTypedKey(key: string): boolean {
  return keyInfo(key) !== undefined;
}
