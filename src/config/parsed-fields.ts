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
