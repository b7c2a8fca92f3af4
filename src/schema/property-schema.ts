/**
 * Descriptors of property-string formats (Proxmox's `$netconf_desc`, `$rootfs_desc`, …): one entry
 * per key with its JSON-schema constraints. They drive parsing, validation, printing and docs.
 */
import type { FormatName } from './simple-formats.js';

/** A key's JSON-schema type. */
export type PropertyType = 'boolean' | 'integer' | 'number' | 'string';

/** What a JSON-schema entry of pve-common says of a value: its type and checks (both schemas share it). */
export interface ValueConstraints {
  readonly type: PropertyType;
  /** Documentation (`description`). */
  readonly description: string;
  /** Documented default; never filled in by parsing, printing or the file. */
  readonly default?: string | number;
  /** Regex source with Perl byte semantics written as ASCII classes; anchored as `^(?:…)$`. */
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxLength?: number;
}

/** One key of a property-string format. */
export interface PropertySchema extends ValueConstraints {
  /** Not required (`optional => 1`). */
  readonly optional?: boolean;
  /** The key a bare value (no `key=`) belongs to; printed bare. */
  readonly defaultKey?: boolean;
  /** Named format checked before `pattern`. */
  readonly format?: FormatName;
  readonly minLength?: number;
  /** Documentation only (`format_description`): the placeholder in usage text. */
  readonly formatDescription?: string;
}

/** A property-string format: key → schema. */
export type PropertyStringFormat = Readonly<Record<string, PropertySchema>>;

/** A parsed value: booleans as `0`/`1`, everything else the text exactly as given. */
export type PropertyValue = string | number;

/** The result of `parsePropertyString` (a null-prototype object). */
export type ParsedPropertyString = Readonly<Record<string, PropertyValue>>;

/**
 * What kind of refusal a {@link PropertyStringFailure} is, set where the failure is made: callers
 * tell failures apart by it, never by matching Proxmox's text.
 */
export type PropertyStringFailureKind =
  /** `parse_property_string` refuses the text itself: a duplicate key, a part without key or value, a bare value without a default key. */
  | 'syntax'
  /** Fields fail their checks (`format error`): `fields` holds each field's message. */
  | 'fields'
  /** `print_property_string`: a value holds a comma (`illegal value with commas for <field>`); `field` names it. */
  | 'comma'
  /** `parse_volume` / `print_volume` got a key that is not `rootfs`, `mpN` or `unusedN` (`… - unknown type: <key>`). */
  | 'volume-key'
  /** `parse_volume`: `size` is no disk size (`invalid size: <value>`); `field` is `size`. */
  | 'size'
  /** `parse_device`: the string names no device path (`Path has to be defined`). */
  | 'device-path';

/**
 * Why a property string was rejected. `kind` says what failed; `message` is Proxmox's exact error
 * text (e.g. `"format error\nhwaddr: invalid format - …\n\n"` or `"duplicate key in
 * comma-separated list property: volume\n"`). `fields` holds the per-field messages of a
 * `format error` (empty otherwise). Fields are listed in the message sorted by name (Proxmox uses
 * Perl hash order, which is random). `field` names the one field a `comma` or `size` failure is
 * about.
 */
export interface PropertyStringFailure {
  readonly kind: PropertyStringFailureKind;
  readonly message: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly field?: string;
}

/** The schema of `key` in `format`, ignoring inherited object properties. */
export function schemaOf(format: PropertyStringFormat, key: string): PropertySchema | undefined {
  return Object.prototype.hasOwnProperty.call(format, key) ? format[key] : undefined;
}

/** The format's default key (the one a bare value fills), if any. */
export function defaultKeyOf(format: PropertyStringFormat): string | undefined {
  return Object.keys(format).find((k) => format[k]?.defaultKey === true);
}
