/**
 * pctkit/schema — the container schema and everything that reads or checks a value by it: property
 * strings (`parsePropertyString` / `printPropertyString`) and their formats (`net`, `rootfs`, `mp`,
 * `features`, `dev`, `unused`), value checks at the reader and API levels, schema keys, disk sizes,
 * and the typed io-ts codec of every property (`netCodec`, `NetInterface`, `readerCodecs`, …).
 *
 * The functions that can fail return the library's one result shape, `Result<A, Code>`: the
 * property-string functions `PropertyStringCode`, the value checks `ValueCheckCode` (one diagnostic
 * per failing field, `path` the field; `proxmoxTextOf(result.left)` is Proxmox's text). The io-ts
 * codecs fail as io-ts codecs do (`t.Errors`, one per field, Proxmox's text as the message).
 * @packageDocumentation
 */
export {
  parsePropertyString,
  printPropertyString,
  parseVolume,
  printVolume,
  parseDevice,
  printDevice,
  checkConfigValue,
  checkApiValue,
} from './schema-result.js';
export type {
  PropertyStringCode,
  PropertyStringDiagnostic,
  ValueCheckCode,
  ValueCheckDiagnostic,
} from './schema-result.js';
export { parseBoolean } from './property-string.js';
export type {
  ParsedPropertyString,
  PropertySchema,
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
} from './formats/index.js';
export type {
  PropertyStringFormatName,
  ParsedVolume,
  MountPointType,
  IdmapEntry,
} from './formats/index.js';
export type { FormatName, SimpleFormatName } from './simple-formats.js';
export type { PrintableData, PrintOptions } from './print-property-string.js';
export type { ValueCheckOptions } from './check-value.js';
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
export type { OpenEnum, TextCodec, TypedDiagnosticCode } from '../typed/index.js';
