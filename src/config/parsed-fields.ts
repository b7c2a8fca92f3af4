/**
 * What the reader learnt of the property strings it accepted, handed to the typed layer explicitly
 * (`ReadResult.parsedFields`) so that `decodeConfig` can decode them without parsing them again.
 * The handoff is keyed by the section objects the reader returned: a section made elsewhere (by an
 * operation, by hand, by a spread) has no table, and an entry is only used while the section still
 * holds the text it was parsed from (a value changed after reading is parsed afresh).
 */
import type { AcceptedPropertyString } from '../schema/compiled-format.js';
import type { PropertyStringFormat } from '../schema/property-schema.js';
import type { ConfigSection } from './model.js';

/** The accepted property strings of one section, by config key. */
export type ParsedFieldTable = ReadonlyMap<string, AcceptedPropertyString>;

/** The reader's tables, by the section object it returned (sections without property strings have none). */
export type ParsedFields = ReadonlyMap<ConfigSection, ParsedFieldTable>;

/**
 * What the reader parsed of `text`, the value of `key` in a section whose table is `table`, with
 * `format`: `undefined` when it has no entry, the section holds another text now (it was changed
 * after reading), or the format differs.
 */
export function parsedFieldsFor(
  table: ParsedFieldTable | undefined,
  key: string,
  text: string,
  format: PropertyStringFormat,
): AcceptedPropertyString | undefined {
  const entry = table?.get(key);
  return entry !== undefined && entry.text === text && entry.format === format ? entry : undefined;
}

/**
 * The reader's {@link ParsedFieldTable}: a section holds a few property strings, looked up by the
 * registry's interned keys, so two arrays and a linear search cost less than a hash map to fill and
 * to query. It keeps a map's insertion order (a replaced key keeps its place).
 */
export class FieldTable implements ReadonlyMap<string, AcceptedPropertyString> {
  private readonly names: string[] = [];
  private readonly entries_: AcceptedPropertyString[] = [];

  get size(): number {
    return this.names.length;
  }

  get(key: string): AcceptedPropertyString | undefined {
    const i = this.names.indexOf(key);
    return i === -1 ? undefined : this.entries_[i];
  }

  has(key: string): boolean {
    return this.names.indexOf(key) !== -1;
  }

  /** Adds the entry of a `key` the table does not hold. */
  add(key: string, value: AcceptedPropertyString): void {
    this.names.push(key);
    this.entries_.push(value);
  }

  /** Adds or replaces the entry of `key`. */
  set(key: string, value: AcceptedPropertyString): void {
    const i = this.names.indexOf(key);
    if (i === -1) {
      this.names.push(key);
      this.entries_.push(value);
    } else this.entries_[i] = value;
  }

  /** Removes the entry of `key`, if any. */
  delete(key: string): void {
    const i = this.names.indexOf(key);
    if (i === -1) return;
    this.names.splice(i, 1);
    this.entries_.splice(i, 1);
  }

  forEach(
    callback: (value: AcceptedPropertyString, key: string, map: ReadonlyMap<string, AcceptedPropertyString>) => void,
    thisArg?: unknown,
  ): void {
    for (let i = 0; i < this.names.length; i++)
      callback.call(thisArg, this.entries_[i] as AcceptedPropertyString, this.names[i] as string, this);
  }

  *entries(): MapIterator<[string, AcceptedPropertyString]> {
    for (let i = 0; i < this.names.length; i++)
      yield [this.names[i] as string, this.entries_[i] as AcceptedPropertyString];
  }

  keys(): MapIterator<string> {
    return this.names.values();
  }

  values(): MapIterator<AcceptedPropertyString> {
    return this.entries_.values();
  }

  [Symbol.iterator](): MapIterator<[string, AcceptedPropertyString]> {
    return this.entries();
  }
}
