/**
 * The `features` and other property strings as `update_lxc_config` parses them: a value Proxmox's
 * reader kept although it is invalid makes the step die with the property-string error.
 */
import * as E from 'fp-ts/lib/Either.js';
import { featuresFormat } from '../schema/formats/features.js';
import { isPerlTrue } from '../schema/perl-text.js';
import { parsePropertyString } from '../schema/property-string.js';
import type { ParsedPropertyString, PropertyStringFormat } from '../schema/property-string.js';
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

/** `features` (absent = none enabled). */
export function parseFeatures(text: string | undefined): LxcFeatures {
  const f = parseOrStop(featuresFormat, text ?? '', 'features');
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
