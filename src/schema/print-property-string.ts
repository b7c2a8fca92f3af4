/**
 * `print_property_string`: validates the data, then prints the default key bare, the required keys
 * (sorted) and all remaining keys (sorted). `disk-size` keys go through `format_size`.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import { formatErrorMessage, objectErrors } from './check-property.js';
import { formatSize } from './disk-size.js';
import { compareBytewise, perlIntOfString } from '../perl/index.js';
import type {
  PropertyStringFailure,
  PropertyStringFormat,
  PropertyValue,
} from './property-schema.js';
import { defaultKeyOf, schemaOf } from './property-schema.js';

/** Printing options. */
export interface PrintOptions {
  /** Keys left out (Proxmox's `$skip` list, e.g. `type`, or `mp` for rootfs). */
  readonly skip?: readonly string[];
}

/** A printed property string and the Perl warnings printing it produced. */
export interface PrintedPropertyString {
  readonly text: string;
  /**
   * Perl's warnings, e.g. `Argument "8G" isn't numeric in int at …` when a `disk-size` key holds
   * text instead of bytes (Proxmox itself always passes bytes).
   */
  readonly warnings: readonly string[];
}

/** Where Perl's `int()` in `format_size` sits (the vectors' convention for warning locations). */
export const FORMAT_SIZE_INT_LOCATION = 'pve-common/src/PVE/JSONSchema.pm line 1044';

/** The data to print: parsed values; `undefined` entries are skipped. */
export type PrintableData = Readonly<Record<string, PropertyValue | undefined>>;

/**
 * Like {@link printPropertyString}, also returning Perl's warnings. A `disk-size` value given as
 * text is converted with Perl's `int()` semantics (`"8G"` → 8 → `8`, `"0.5K"` → `0T`), as Proxmox
 * would print it; give sizes as byte counts to get the canonical form.
 */
export function printPropertyStringDetailed(
  format: PropertyStringFormat,
  data: PrintableData,
  options: PrintOptions = {},
): Either<PropertyStringFailure, PrintedPropertyString> {
  const fields = objectErrors(format, data, true);
  if (Object.keys(fields).length > 0)
    return E.left({ kind: 'fields', message: formatErrorMessage(fields), fields });

  const done = new Set<string>(options.skip ?? []);
  const parts: string[] = [];
  const warnings: string[] = [];
  let commaKey: string | undefined;

  const add = (key: string, bare: boolean): void => {
    if (done.has(key)) return;
    done.add(key);
    const value = Object.prototype.hasOwnProperty.call(data, key) ? data[key] : undefined;
    if (value === undefined) return;
    let text: string;
    if (schemaOf(format, key)?.format === 'disk-size') {
      if (typeof value === 'number') text = formatSize(value);
      else {
        const n = perlIntOfString(value, FORMAT_SIZE_INT_LOCATION);
        if (n.warning !== undefined) warnings.push(n.warning);
        text = formatSize(n.value);
      }
    } else {
      text = String(value);
      if (text.includes(',') && commaKey === undefined) commaKey = key;
    }
    parts.push(bare ? text : `${key}=${text}`);
  };

  const defaultKey = defaultKeyOf(format);
  if (defaultKey !== undefined) add(defaultKey, true);
  for (const key of Object.keys(format).sort(compareBytewise)) {
    if (format[key]?.optional !== true) add(key, false);
  }
  for (const key of Object.keys(data).sort(compareBytewise)) add(key, false);

  if (commaKey !== undefined) {
    return E.left({
      kind: 'comma',
      message: `illegal value with commas for ${commaKey}\n`,
      fields: {},
      field: commaKey,
    });
  }
  return E.right({ text: parts.join(','), warnings });
}

/** `print_property_string`: the canonical text, or Proxmox's error (`format error…`, commas). */
export function printPropertyString(
  format: PropertyStringFormat,
  data: PrintableData,
  options: PrintOptions = {},
): Either<PropertyStringFailure, string> {
  return E.map((p: PrintedPropertyString) => p.text)(
    printPropertyStringDetailed(format, data, options),
  );
}
