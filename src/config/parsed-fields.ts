/**
 * What the reader learnt of the property strings it accepted, kept with the sections it returned so
 * that the typed layer can decode them without parsing them again. The table sits on the section as
 * a non-enumerable symbol property, so it is invisible to `Object.keys`, spreads, JSON and equality
 * checks, lives as long as its section, and a section made elsewhere (by an operation, by hand, by a
 * spread) simply has none. (A `WeakMap` side table was measured too: it doubled the reader's time
 * on a large batch, as the garbage collector processes every entry as an ephemeron.)
 */
import type { AcceptedPropertyString } from '../schema/compiled-format.js';
import type { PropertyStringFormat } from '../schema/property-schema.js';
import type { ConfigSection } from './model.js';

const TABLE = Symbol('pctkit.parsedFields');
type WithTable = ConfigSection & { readonly [TABLE]?: ReadonlyMap<string, AcceptedPropertyString> };

/**
 * Records the accepted property strings of a section the reader built, by config key (an entry is
 * only valid while the section still holds its `text`).
 */
export function recordParsedFields(section: ConfigSection, fields: ReadonlyMap<string, AcceptedPropertyString>): void {
  Object.defineProperty(section, TABLE, { value: fields });
}

/** The accepted property strings the reader recorded for `section`, by config key. */
export function parsedFieldsOf(section: ConfigSection): ReadonlyMap<string, AcceptedPropertyString> | undefined {
  return (section as WithTable)[TABLE];
}

/**
 * What the reader parsed of `text`, the value of `key` in a section whose table is `table`, with
 * `format`: `undefined` when it has no entry, the section holds another text now, or the format
 * differs.
 */
export function parsedFieldsFor(
  table: ReadonlyMap<string, AcceptedPropertyString> | undefined,
  key: string,
  text: string,
  format: PropertyStringFormat,
): AcceptedPropertyString | undefined {
  const entry = table?.get(key);
  return entry !== undefined && entry.text === text && entry.format === format ? entry : undefined;
}
