/**
 * The `features` and other property strings as `update_lxc_config` parses them: a value Proxmox's
 * reader kept although it is invalid makes the step die with the property-string error.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigSection } from '../config/model.js';
import type { ParsedPropertyString, PropertyStringFormat } from '../schema/property-schema.js';
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

/** The property string of `section.values[key]` with `format`; stops the plan with Proxmox's error. */
export function sectionProperty(
  section: ConfigSection,
  key: string,
  format: PropertyStringFormat,
): ParsedPropertyString {
  return parseOrStop(format, String(section.values[key] ?? ''), key);
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
