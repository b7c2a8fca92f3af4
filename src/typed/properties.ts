/**
 * One handler per property of the container schema: its typed shape, the conversion from the value
 * Proxmox's reader stores (with the reader-level check), the canonical stored value, and the text
 * codecs at both check levels (`readerCodecs`, `apiCodecs`, {@link propertyCodec}).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';
import type { ConfigValue } from '../config/model.js';
import { checkApiValue, checkConfigValue } from '../schema/check-value.js';
import type { ValueCheckOptions } from '../schema/check-value.js';
import { containerKeys } from '../schema/container-schema.js';
import { schemaKeyCount, schemaKeyEntry, type SchemaKeyEntry } from '../schema/key-registry.js';
import type { ContainerKeyName } from '../schema/container-schema.js';
import { checkFormat } from '../schema/simple-formats.js';
import type { FormatName } from '../schema/simple-formats.js';
import { isDigits, isUnsignedDecimal, splitList } from '../perl/index.js';
import type { CheckLevel, ValueFailure } from './check-level.js';
import { DevicePassthrough, deviceSpec } from './device.js';
import { deepEqual } from './field-kinds.js';
import { Features, featuresSpec } from './features.js';
import { MountPoint, mountPointSpec, RootFs, rootfsSpec } from './mount-point.js';
import { NetInterface, netSpec } from './net.js';
import type { CompiledObjectSpec, SpecFormat, TypedObject } from './property-object.js';
import { decodeObject, printObject, specFormatOf, storedText } from './property-object.js';
import { decodeStartup, StartupOrder, startupText } from './startup.js';
import type { OpenEnum, TextCodec } from './text-codec.js';
import { openEnum, textCodec } from './text-codec.js';
import { UnusedVolume, unusedSpec } from './unused.js';

/** A handler of any typed value (for tables of handlers). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyHandler = PropertyHandler<any>;

/** Everything the typed layer knows about one property (or one indexed family). */
export interface PropertyHandler<A> {
  /** The config key (`memory`) or the family prefix (`net`). */
  readonly key: string;
  /** The runtime shape of the typed value. */
  readonly shape: t.Type<A, A, unknown>;
  /** The TypeScript type, as the docs show it. */
  readonly typeText: string;
  /**
   * From the value Proxmox's reader stores for the key (booleans and integers as numbers, the rest
   * as text): the typed value, or why the reader refuses it.
   */
  readonly fromStored: (stored: ConfigValue, options?: ValueCheckOptions) => Either<ValueFailure, A>;
  /** The value to store for a typed value (what Proxmox's reader would hold for its canonical text). */
  readonly toStored: (value: A) => ConfigValue;
  /** Text codec at the reader level. */
  readonly reader: TextCodec<A>;
  /** Text codec at the API level (the reader level plus `pct set`'s checks). */
  readonly api: TextCodec<A>;
  /** The typed value keeps its own text (`raw`), so no section-level `source` is needed. */
  readonly keepsRaw: boolean;
  /** The API-level check of a value that passed the reader level. */
  readonly apiCheck: (text: string, value: A) => ValueFailure | undefined;
}

const LINE_FEED_RE = /[\n\r]/;

function readerFailure(message: string, fields?: Readonly<Record<string, string>>): ValueFailure {
  return fields === undefined ? { level: 'reader', message } : { level: 'reader', message, fields };
}

/** The text of a stored value. */
export function storedValueText(value: ConfigValue): string {
  return typeof value === 'number' ? String(value) : value;
}

interface HandlerParts<A> {
  readonly key: string;
  /** The config key used for schema checks (`net0` for the `net` family). */
  readonly schemaKey: string;
  readonly shape: t.Type<A, A, unknown>;
  readonly typeText: string;
  readonly fromStored: (stored: ConfigValue, options?: ValueCheckOptions) => Either<ValueFailure, A>;
  readonly toStored: (value: A) => ConfigValue;
  /** Text → stored value at the reader level (defaults to `checkConfigValue`). */
  readonly readText?: (text: string) => Either<ValueFailure, ConfigValue>;
  /** Extra API-level check of a value that passed the reader level (defaults to `checkApiValue`). */
  readonly apiCheck?: (text: string, value: A) => ValueFailure | undefined;
  /** Text of the value for the text codecs (defaults to the stored value's text). */
  readonly encodeText?: (value: A) => string;
}

function defaultReadText(key: string): (text: string) => Either<ValueFailure, ConfigValue> {
  return (text) => {
    const r = checkConfigValue(key, text);
    return E.isRight(r) ? r : E.left(readerFailure(r.left.message, r.left.fields));
  };
}

/** The API check of `checkApiValue` (the whole value's text). */
export function apiFailureOf(key: string, text: string): ValueFailure | undefined {
  const r = checkApiValue(key, text);
  if (E.isRight(r)) return undefined;
  return r.left.fields === undefined ? { level: 'api', message: r.left.message } : { level: 'api', message: r.left.message, fields: r.left.fields };
}

function handler<A>(parts: HandlerParts<A>): PropertyHandler<A> {
  const readText = parts.readText ?? defaultReadText(parts.schemaKey);
  const encodeText = parts.encodeText ?? ((v: A) => storedValueText(parts.toStored(v)));
  const readerDecode = (text: string): Either<ValueFailure, A> => {
    if (LINE_FEED_RE.test(text)) return E.left(readerFailure('property contains a line feed\n'));
    const stored = readText(text);
    return E.isLeft(stored) ? stored : parts.fromStored(stored.right);
  };
  const apiCheck = parts.apiCheck ?? ((text: string) => apiFailureOf(parts.schemaKey, text));
  const apiDecode = (text: string): Either<ValueFailure, A> => {
    const r = readerDecode(text);
    if (E.isLeft(r)) return r;
    const f = apiCheck(text, r.right);
    return f === undefined ? r : E.left(f);
  };
  return {
    key: parts.key,
    shape: parts.shape,
    typeText: parts.typeText,
    fromStored: parts.fromStored,
    toStored: parts.toStored,
    reader: textCodec(`${parts.key}(reader)`, { is: parts.shape.is, decode: readerDecode, encode: encodeText }),
    api: textCodec(`${parts.key}(api)`, { is: parts.shape.is, decode: apiDecode, encode: encodeText }),
    keepsRaw: parts.readText !== undefined,
    apiCheck,
  };
}

function typeFailure(type: string, stored: ConfigValue): ValueFailure {
  return readerFailure(`type check ('${type}') failed - got '${storedValueText(stored)}'\n`);
}

/** How the typed value of a scalar key relates to the value Proxmox's reader stores for it. */
type ScalarKind<A> = Pick<HandlerParts<A>, 'shape' | 'typeText' | 'fromStored' | 'toStored'>;

/** The handler of scalar key `key` of kind `kind`. */
function scalar<A>(key: ContainerKeyName, kind: ScalarKind<A>): PropertyHandler<A> {
  return handler({ key, schemaKey: key, ...kind });
}

/** A boolean: stored 0/1. */
const BOOLEAN: ScalarKind<boolean> = {
  shape: t.boolean,
  typeText: 'boolean',
  fromStored: (s) => (s === 1 ? E.right(true) : s === 0 ? E.right(false) : E.left(typeFailure('boolean', s))),
  toStored: (v) => (v ? 1 : 0),
};

/** An integer: stored as a number (`0512` reads as 512). */
const INTEGER: ScalarKind<number> = {
  shape: t.number,
  typeText: 'number',
  fromStored: (s) => (typeof s === 'number' ? E.right(s) : isDigits(s) ? E.right(Number(s)) : E.left(typeFailure('integer', s))),
  toStored: (v) => v,
};

/** A number: stored as its text (`1.50` stays `1.50`). */
const NUMBER: ScalarKind<number> = {
  shape: t.number,
  typeText: 'number',
  fromStored: (s) => {
    const text = storedValueText(s);
    return isUnsignedDecimal(text) ? E.right(Number(text)) : E.left(typeFailure('number', s));
  },
  toStored: (v) => String(v),
};

function formatCheck(format: FormatName | undefined, text: string): ValueFailure | undefined {
  if (format === undefined) return undefined;
  const r = checkFormat(format, text);
  return E.isLeft(r) ? readerFailure(r.left) : undefined;
}

/** Text, checked against a named format when given. */
function text(format?: FormatName): ScalarKind<string> {
  return {
    shape: t.string,
    typeText: 'string',
    fromStored: (s) => {
      const value = storedValueText(s);
      const f = formatCheck(format, value);
      return f === undefined ? E.right(value) : E.left(f);
    },
    toStored: (v) => v,
  };
}

/** One of `known`, other texts kept (the reader does not check enums). */
function oneOf<K extends string>(name: string, known: readonly K[]): ScalarKind<OpenEnum<K>> {
  return {
    shape: openEnum<K>(name, known),
    typeText: `${known.map((k) => `'${k}'`).join(' | ')} (others kept)`,
    fromStored: (s) => E.right(storedValueText(s)),
    toStored: (v) => v,
  };
}

/** A list in a named format, printed joined by `separator`. */
function list(format: FormatName, separator: string): ScalarKind<readonly string[]> {
  return {
    shape: t.readonlyArray(t.string),
    typeText: 'string[]',
    fromStored: (s) => {
      const value = storedValueText(s);
      const f = formatCheck(format, value);
      return f === undefined ? E.right(splitList(value)) : E.left(f);
    },
    toStored: (v) => v.join(separator),
  };
}

/** A time zone name, checked against the host's zone list when one is given. */
const TIMEZONE: ScalarKind<string> = {
  shape: t.string,
  typeText: 'string',
  fromStored: (s, options = {}) => {
    const r = checkConfigValue('timezone', storedValueText(s), options);
    return E.isRight(r) ? E.right(storedValueText(s)) : E.left(readerFailure(r.left.message));
  },
  toStored: (v) => v,
};

const objectSpecs = new WeakMap<AnyHandler, CompiledObjectSpec>();

/** The compiled spec of a property-string handler (`undefined` for every other handler). */
export function objectSpecOf(h: AnyHandler): CompiledObjectSpec | undefined {
  return objectSpecs.get(h);
}

function objectProperty<A>(key: string, schemaKey: string, spec: CompiledObjectSpec, shape: t.Type<A, A, unknown>, apiCheck?: (text: string, value: A) => ValueFailure | undefined): PropertyHandler<A> {
  // The typed object of `spec` is an `A` (the io-ts shape states the same fields).
  const decode = (text: string): Either<ValueFailure, A> => decodeObject(spec, text) as Either<ValueFailure, never>;
  const encode = (v: A): string => storedText(spec, v as unknown as TypedObject);
  const h = handler({
    key,
    schemaKey,
    shape,
    typeText: shape.name,
    fromStored: (s) => decode(storedValueText(s)),
    toStored: encode,
    readText: (text) => E.right(text),
    apiCheck: apiCheck ?? (() => undefined),
    encodeText: (v) => printObject(spec, v as unknown as TypedObject),
  });
  objectSpecs.set(h, spec);
  return h;
}

const PATH_REQUIRED: ValueFailure = { level: 'api', message: 'Path has to be defined\n' };

const K = containerKeys;

/** Handlers of the keys that are not part of an indexed family (`description` and `env` included). */
export const scalarHandlers = {
  arch: scalar('arch', oneOf('arch', K.arch.enum)),
  cmode: scalar('cmode', oneOf('cmode', K.cmode.enum)),
  console: scalar('console', BOOLEAN),
  cores: scalar('cores', INTEGER),
  cpulimit: scalar('cpulimit', NUMBER),
  cpuunits: scalar('cpuunits', INTEGER),
  debug: scalar('debug', BOOLEAN),
  description: scalar('description', text()),
  entrypoint: scalar('entrypoint', text()),
  env: handler<readonly string[]>({
    key: 'env',
    schemaKey: 'env',
    shape: t.readonlyArray(t.string),
    typeText: 'string[]',
    fromStored: (s) => E.right(storedValueText(s).split('\0')),
    toStored: (v) => v.join('\0'),
  }),
  features: objectProperty<Features>('features', 'features', featuresSpec, Features),
  hookscript: scalar('hookscript', text(K.hookscript.format)),
  hostname: scalar('hostname', text(K.hostname.format)),
  lock: scalar('lock', oneOf('lock', K.lock.enum)),
  memory: scalar('memory', INTEGER),
  nameserver: scalar('nameserver', list(K.nameserver.format, ' ')),
  onboot: scalar('onboot', BOOLEAN),
  ostype: scalar('ostype', oneOf('ostype', K.ostype.enum)),
  parent: scalar('parent', text(K.parent.format)),
  protection: scalar('protection', BOOLEAN),
  rootfs: objectProperty<RootFs>('rootfs', 'rootfs', rootfsSpec, RootFs),
  searchdomain: scalar('searchdomain', list(K.searchdomain.format, ' ')),
  snaptime: scalar('snaptime', INTEGER),
  startup: handler<StartupOrder>({
    key: 'startup',
    schemaKey: 'startup',
    shape: StartupOrder,
    typeText: 'StartupOrder',
    fromStored: (s) => decodeStartup(storedValueText(s)),
    toStored: startupText,
    readText: (text) => E.right(text),
    apiCheck: () => undefined,
  }),
  swap: scalar('swap', INTEGER),
  tags: scalar('tags', list(K.tags.format, ';')),
  template: scalar('template', BOOLEAN),
  timezone: scalar('timezone', TIMEZONE),
  tty: scalar('tty', INTEGER),
  unprivileged: scalar('unprivileged', BOOLEAN),
} as const;

/** Handlers of the indexed families (`net0`…`net31`, `mp0`…`mp255`, `unused0`…, `dev0`…). */
export const familyHandlers = {
  net: objectProperty<NetInterface>('net', 'net0', netSpec, NetInterface),
  mp: objectProperty<MountPoint>('mp', 'mp0', mountPointSpec, MountPoint),
  unused: objectProperty<UnusedVolume>('unused', 'unused0', unusedSpec, UnusedVolume),
  dev: objectProperty<DevicePassthrough>('dev', 'dev0', deviceSpec, DevicePassthrough, (_text, v) =>
    v.path === undefined ? PATH_REQUIRED : undefined,
  ),
} as const;

/** A key that is not part of an indexed family. */
export type ScalarKey = keyof typeof scalarHandlers;
/** The prefix of an indexed family. */
export type FamilyKey = keyof typeof familyHandlers;

type CodecsOf<H> = { readonly [K in keyof H]: H[K] extends PropertyHandler<infer A> ? TextCodec<A> : never };

function codecs<H extends Record<string, AnyHandler>>(handlers: H, level: CheckLevel): CodecsOf<H> {
  const out: Record<string, TextCodec<unknown>> = {};
  for (const [k, h] of Object.entries(handlers)) out[k] = level === 'api' ? h.api : h.reader;
  return out as CodecsOf<H>;
}

/**
 * Reader-level text codecs of every property, by key; the indexed families under their prefix
 * (`readerCodecs.net` decodes any `netN` value).
 */
export const readerCodecs = { ...codecs(scalarHandlers, 'reader'), ...codecs(familyHandlers, 'reader') };

/** API-level text codecs of every property (see {@link readerCodecs}). */
export const apiCodecs = { ...codecs(scalarHandlers, 'api'), ...codecs(familyHandlers, 'api') };

/** Where a config key belongs: a scalar key, a family member with its index, or not in the schema. */
export type KeyInfo =
  | { readonly kind: 'scalar'; readonly key: ScalarKey; readonly handler: PropertyHandler<unknown> }
  | { readonly kind: 'family'; readonly family: FamilyKey; readonly index: number; readonly handler: PropertyHandler<unknown> };

/** What the section decoder needs of a config key: its {@link KeyInfo} and, for a property string, its plan. */
export interface KeyEntry {
  readonly info: KeyInfo;
  /** The decoding plan of a property-string key. */
  readonly plan: SpecFormat | undefined;
}

// The typed layer's data per registry key, by ordinal (the registry is the one lookup by name).
// (`null`: a registry key without a typed handler.)
let keyEntries: (KeyEntry | null | undefined)[] | undefined;

/** The {@link KeyEntry} of a config key, or `undefined` when not in the schema. */
export function keyEntry(key: string): KeyEntry | undefined {
  const registered = schemaKeyEntry(key);
  if (registered === undefined) return undefined;
  keyEntries ??= new Array<KeyEntry | null | undefined>(schemaKeyCount());
  return (keyEntries[registered.ordinal] ??= typedKeyEntry(registered)) ?? undefined;
}

function typedKeyEntry(registered: SchemaKeyEntry): KeyEntry | null {
  const { key, family, index } = registered;
  let info: KeyInfo;
  if (family !== undefined) {
    info = { kind: 'family', family, index: index as number, handler: familyHandlers[family] as PropertyHandler<unknown> };
  } else if (Object.prototype.hasOwnProperty.call(scalarHandlers, key)) {
    info = { kind: 'scalar', key: key as ScalarKey, handler: scalarHandlers[key as ScalarKey] as PropertyHandler<unknown> };
  } else return null;
  const spec = objectSpecOf(info.handler);
  return { info, plan: spec === undefined ? undefined : specFormatOf(spec) };
}

/** Classifies a config key (`net7` → family `net`, index 7), or `undefined` when not in the schema. */
export function keyInfo(key: string): KeyInfo | undefined {
  return keyEntry(key)?.info;
}

/** The text codec of a config key (`memory`, `net3`, …) at `level`, or `undefined` for unknown keys. */
export function propertyCodec(key: string, level: CheckLevel = 'reader'): TextCodec<unknown> | undefined {
  const info = keyInfo(key);
  if (info === undefined) return undefined;
  return level === 'api' ? info.handler.api : info.handler.reader;
}

/**
 * The section-level `source` rule for a stored value: its text when the canonical stored value of
 * the typed value prints differently (`cpulimit: 1.50`, `tags: a,b`), else `undefined`.
 */
export function sourceTextOf(h: PropertyHandler<unknown>, stored: ConfigValue, typed: unknown): string | undefined {
  const text = storedValueText(stored);
  return storedValueText(h.toStored(typed)) === text ? undefined : text;
}

/** The stored value for `typed`, using `source` (the text as found) while it still decodes to `typed`. */
export function storedValueOf(h: PropertyHandler<unknown>, typed: unknown, source: string | undefined, options?: ValueCheckOptions): ConfigValue {
  if (source !== undefined) {
    const back = h.fromStored(source, options);
    if (E.isRight(back) && deepEqual(back.right, typed)) return source;
  }
  return h.toStored(typed);
}
