/**
 * pctkit/schema — the container schema and everything that reads or checks a value by it: property
 * strings (`parsePropertyString` / `printPropertyString`) and their formats (`net`, `rootfs`, `mp`,
 * `features`, `dev`, `unused`), value checks at the reader and API levels, schema keys, disk sizes,
 * and the typed io-ts codec of every property (`netCodec`, `NetInterface`, `readerCodecs`, …).
 * @packageDocumentation
 */
export { parsePropertyString, printPropertyString, parseBoolean } from './property-string.js';
export type {
  ParsedPropertyString,
  PropertySchema,
  PropertyStringFailure,
  PropertyStringFormat,
  PropertyType,
  PropertyValue,
} from './property-schema.js';
export {
  netFormat,
  rootfsFormat,
  mountPointFormat,
  featuresFormat,
  deviceFormat,
  unusedFormat,
  propertyStringFormats,
  parseVolume,
  printVolume,
  parseDevice,
  printDevice,
} from './formats/index.js';
export type {
  PropertyStringFormatName,
  ParsedVolume,
  MountPointType,
  IdmapEntry,
} from './formats/index.js';
export type { FormatName, SimpleFormatName } from './simple-formats.js';
export type { PrintableData, PrintOptions } from './print-property-string.js';
export { checkConfigValue, checkApiValue } from './check-value.js';
export type { ValueCheckFailure, ValueCheckOptions } from './check-value.js';
export { allSchemaKeys } from './container-schema.js';
export type { ContainerKeySchema } from './container-schema.js';
export type { ValueConstraints } from './property-schema.js';
export { schemaKey } from './key-registry.js';
export { parseSize, formatSize } from './disk-size.js';

// The typed codecs (src/typed)
export {
  PendingChanges,
  SnapshotConfig,
  NetInterface,
  netCodec,
  MountPoint,
  RootFs,
  mountPointCodec,
  rootfsCodec,
  Features,
  featuresCodec,
  DevicePassthrough,
  deviceCodec,
  UnusedVolume,
  unusedCodec,
  StartupOrder,
  startupCodec,
  PendingDelete,
  LxcSettings,
  LxcIdmapEntry,
  LxcMountEntry,
  LxcDeviceRule,
  lxcSettings,
  CidrAddress,
  Ipv4Config,
  Ipv6Config,
  MountIdmap,
  MountIdmapEntry,
  readerCodecs,
  apiCodecs,
  propertyCodec,
  isKnown,
  openEnum,
} from '../typed/index.js';
export type { OpenEnum, ValueFailure, TextCodec, TypedDiagnosticCode } from '../typed/index.js';
