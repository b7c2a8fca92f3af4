/** All property-string formats of the container schema, by name. */
import type { PropertyStringFormat } from '../property-schema.js';
import { deviceFormat } from './device.js';
import { featuresFormat } from './features.js';
import { mountPointFormat, rootfsFormat } from './mount-point.js';
import { netFormat } from './net.js';
import { unusedFormat } from './unused.js';

export { deviceFormat, parseDevice, printDevice } from './device.js';
export { featuresFormat } from './features.js';
export {
  classifyMountPoint,
  mountPointFormat,
  parseVolume,
  printVolume,
  rootfsFormat,
} from './mount-point.js';
export type { IdmapEntry, MountPointType, ParsedVolume } from './mount-point.js';
export { netFormat } from './net.js';
export { unusedFormat } from './unused.js';

/** The name of a property-string format (`mp` is the `mpN` format, and so on). */
export type PropertyStringFormatName = 'net' | 'rootfs' | 'mp' | 'features' | 'dev' | 'unused';

/** Property-string formats by name. */
export const propertyStringFormats: Readonly<
  Record<PropertyStringFormatName, PropertyStringFormat>
> = {
  net: netFormat,
  rootfs: rootfsFormat,
  mp: mountPointFormat,
  features: featuresFormat,
  dev: deviceFormat,
  unused: unusedFormat,
};
