/**
 * The one registry of config keys: every schema key (830 of them, indexed families expanded) is
 * resolved once into a {@link SchemaKeyEntry} that every layer looks keys up in (the reader per
 * line, the value checks, the typed layer). A layer that needs its own data per key keeps it in an
 * array indexed by {@link SchemaKeyEntry.ordinal} instead of a second cache by key.
 */
import { compiledFormatOf, type CompiledFormat } from './compiled-format.js';
import {
  allSchemaKeys,
  containerKeys,
  type ContainerKeyName,
  type ContainerKeySchema,
  indexedKeyFamilies,
} from './container-schema.js';
import { propertyStringFormats } from './formats/index.js';

/** The name of an indexed key family (`net0`…`net31` are family `net`). */
export type IndexedFamilyName = keyof typeof indexedKeyFamilies;

/** A schema key, resolved once. */
export interface SchemaKeyEntry {
  /**
   * The registry's own copy of the key. A key sliced from a line is a fresh string: engines look
   * property names up by their interned copy, so using this one spares that lookup on every later
   * use of the key as a property name.
   */
  readonly key: string;
  /** A dense number per key (0 … count-1), for per-layer tables indexed by key. */
  readonly ordinal: number;
  readonly schema: ContainerKeySchema;
  /** For a family member (`net7`): the family and index. */
  readonly family: IndexedFamilyName | undefined;
  readonly index: number | undefined;
  /** The property-string format compiled in its own key order (`compiledFormatOf`). */
  readonly compiled: CompiledFormat | undefined;
}

const INDEXED_RE = /^(net|mp|unused|dev)(0|[1-9][0-9]{0,2})$/;

let registry: Map<string, SchemaKeyEntry> | undefined;

function build(): Map<string, SchemaKeyEntry> {
  // The keys of an object are interned strings.
  const names = Object.create(null) as Record<string, true>;
  for (const k of allSchemaKeys()) names[k] = true;
  const out = new Map<string, SchemaKeyEntry>();
  for (const key of Object.keys(names)) {
    let schema: ContainerKeySchema;
    let family: IndexedFamilyName | undefined;
    let index: number | undefined;
    if (Object.prototype.hasOwnProperty.call(containerKeys, key))
      schema = containerKeys[key as ContainerKeyName];
    else {
      const m = INDEXED_RE.exec(key) as RegExpExecArray;
      family = m[1] as IndexedFamilyName;
      index = Number(m[2]);
      schema = indexedKeyFamilies[family].schema;
    }
    const format =
      schema.propertyString === undefined
        ? undefined
        : propertyStringFormats[schema.propertyString];
    const compiled = format === undefined ? undefined : compiledFormatOf(format);
    out.set(key, { key, ordinal: out.size, schema, family, index, compiled });
  }
  return out;
}

/**
 * The registry as an open-addressing table (linear probing, a quarter full) hashed by
 * {@link hashKey}: the reader looks up every key it reads, each a fresh string sliced from its line,
 * and hashing it here costs less than a `Map` lookup of a string the engine has not hashed yet.
 */
const TABLE_BITS = 12;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
let table: Array<SchemaKeyEntry | undefined> | undefined;

function hashKey(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  // Spread runs of similar keys (`mp0`, `mp1`, …) over the table.
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 13)) & TABLE_MASK;
}

function buildTable(): Array<SchemaKeyEntry | undefined> {
  const out = new Array<SchemaKeyEntry | undefined>(TABLE_MASK + 1).fill(undefined);
  for (const entry of (registry ??= build()).values()) {
    let i = hashKey(entry.key);
    while (out[i] !== undefined) i = (i + 1) & TABLE_MASK;
    out[i] = entry;
  }
  return out;
}

/** The registry entry of a config key (`net7`, `memory`, …), or `undefined` for keys not in the schema. */
export function schemaKeyEntry(key: string): SchemaKeyEntry | undefined {
  const t = (table ??= buildTable());
  for (let i = hashKey(key); ; i = (i + 1) & TABLE_MASK) {
    const entry = t[i];
    if (entry === undefined || entry.key === key) return entry;
  }
}

/** How many keys the registry holds (the length of a per-layer table indexed by ordinal). */
export function schemaKeyCount(): number {
  return (registry ??= build()).size;
}

/** The schema of a config key (`net7`, `memory`, …), or `undefined` for keys not in the schema. */
export function schemaKey(key: string): ContainerKeySchema | undefined {
  return schemaKeyEntry(key)?.schema;
}
