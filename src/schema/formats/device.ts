/** The `dev[n]` property-string format and `parse_device` / `print_device`. */
import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import { parsePropertyString } from '../property-string.js';
import { printPropertyString } from '../print-property-string.js';
import type {
  ParsedPropertyString,
  PropertyStringFailure,
  PropertyStringFormat,
} from '../property-schema.js';

/** `dev0`…`dev255`: a device passed into the container. `path` is the default key. */
export const deviceFormat = {
  path: {
    type: 'string',
    format: 'pve-lxc-dev-string',
    defaultKey: true,
    optional: true,
    description: 'Device path on the host (under /dev/).',
    formatDescription: 'Path',
  },
  mode: {
    type: 'string',
    pattern: '0[0-7]{3}',
    optional: true,
    description: 'Access mode of the device node in the container.',
    formatDescription: 'Octal access mode',
  },
  uid: {
    type: 'integer',
    minimum: 0,
    optional: true,
    description: 'Owner user id of the device node in the container.',
  },
  gid: {
    type: 'integer',
    minimum: 0,
    optional: true,
    description: 'Owner group id of the device node in the container.',
  },
  'deny-write': {
    type: 'boolean',
    default: 0,
    optional: true,
    description: 'Deny write access to the device.',
  },
} as const satisfies PropertyStringFormat;

/**
 * `parse_device`: the `dev` format, and a path is required (`Path has to be defined\n`, a plain
 * message without `fields`).
 */
export function parseDevice(input: string): Either<PropertyStringFailure, ParsedPropertyString> {
  return E.chain(
    (res: ParsedPropertyString): Either<PropertyStringFailure, ParsedPropertyString> =>
      res['path'] === undefined
        ? E.left({ kind: 'device-path', message: 'Path has to be defined\n', fields: {} })
        : E.right(res),
  )(parsePropertyString(deviceFormat, input));
}

/** `print_device`: the canonical text (`path` bare, the rest sorted). */
export function printDevice(device: ParsedPropertyString): Either<PropertyStringFailure, string> {
  return printPropertyString(deviceFormat, device);
}
