/**
 * The `features` and other property strings as `update_lxc_config` parses them: a value Proxmox's
 * reader kept although it is invalid makes the step die with the property-string error.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigSection } from '../config/model.js';
import { parsedFieldsFor } from '../config/parsed-fields.js';
import type { ParsedFieldTable } from '../config/parsed-fields.js';
import { compiledFormatOf } from '../schema/compiled-format.js';
import type {
  ParsedPropertyString,
  PropertyStringFormat,
  PropertyValue,
} from '../schema/property-schema.js';
import { featuresFormat } from '../schema/formats/features.js';
import { isPerlTrue } from '../perl/index.js';
import { parsePropertyString } from '../schema/property-string.js';
import { startError, stop } from './start-diagnostics.js';

/** The container features that change the generated lines. */
export interface LxcFeatures {
  readonly fuse: boolean;
  readonly nesting: boolean;
  readonly keyctl: boolean;
  readonly mknod: boolean;
  readonly forceRwSys: boolean;
  /** The `mount` list as written (`nfs;cifs`), if any. */
  readonly mount: string | undefined;
}

/** Parses a property string or stops the plan with Proxmox's error text. */
export function parseOrStop(
  format: PropertyStringFormat,
  text: string,
  path: string,
): ParsedPropertyString {
  const parsed = parsePropertyString(format, text);
  if (E.isLeft(parsed))
    return stop(startError('LXC_INVALID_PROPERTY', parsed.left.message, { path }));
  return parsed.right;
}

/**
 * The property string of `section.values[key]` with `format`: what the reader already parsed when
 * it accepted the value (`table`, the reader's `parsedFields` of the section: no second parse),
 * else parsed now; stops the plan with Proxmox's error.
 */
export function sectionProperty(
  section: ConfigSection,
  key: string,
  format: PropertyStringFormat,
  table?: ParsedFieldTable,
): ParsedPropertyString {
  const text = String(section.values[key] ?? '');
  const accepted = parsedFieldsFor(table, key, text, format);
  if (accepted === undefined) return parseOrStop(format, text, key);
  const keys = compiledFormatOf(format).keys;
  const out = Object.create(null) as Record<string, PropertyValue>;
  const fields = accepted.fields;
  for (let i = 0; i < fields.length; i += 2)
    out[(keys[fields[i] as number] as { key: string }).key] = fields[i + 1] as PropertyValue;
  return out;
}

/** `features` (absent = none enabled). */
export function parseFeatures(section: ConfigSection): LxcFeatures {
  const f =
    section.values['features'] === undefined
      ? parseOrStop(featuresFormat, '', 'features')
      : sectionProperty(section, 'features', featuresFormat);
  const mount = f['mount'];
  return {
    fuse: isPerlTrue(f['fuse']),
    nesting: isPerlTrue(f['nesting']),
    keyctl: isPerlTrue(f['keyctl']),
    mknod: isPerlTrue(f['mknod']),
    forceRwSys: isPerlTrue(f['force_rw_sys']),
    mount: mount === undefined ? undefined : String(mount),
  };
}
