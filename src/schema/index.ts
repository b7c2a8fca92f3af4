/**
 * The container schema: simple formats, the property-string engine, per-format descriptors and the
 * per-key value checks of Proxmox's config reader and API. Re-exports only.
 */
export { checkApiValue, checkConfigValue, perlIntOfDigits } from './check-value.js';
export type { ValueCheckFailure, ValueCheckOptions } from './check-value.js';
export { allSchemaKeys, containerKeys, indexedKeyFamilies, schemaKey } from './container-schema.js';
export type {
  ContainerKeyName,
  ContainerKeySchema,
  HostFormatName,
  IndexedKeyFamily,
} from './container-schema.js';
export { parseBoolean, parsePropertyString } from './property-string.js';
export {
  FORMAT_SIZE_INT_LOCATION,
  printPropertyString,
  printPropertyStringDetailed,
} from './print-property-string.js';
export type {
  PrintableData,
  PrintedPropertyString,
  PrintOptions,
} from './print-property-string.js';
export type {
  ParsedPropertyString,
  PropertySchema,
  PropertyStringFailure,
  PropertyStringFormat,
  PropertyType,
  PropertyValue,
} from './property-schema.js';
export * from './formats/index.js';
export { parseStartup, STARTUP_ERROR, verifyStartupOrder } from './startup.js';
export type { StartupOrder } from './startup.js';
export { formatSize, parseSize, verifyDiskSize } from './disk-size.js';
export { splitList } from './split-list.js';
export {
  checkFormat,
  isFormatName,
  simpleFormats,
  verifyConfigId,
  verifyDevicePath,
  verifyDnsName,
  verifyMacAddress,
  verifyMountPointString,
  verifyTag,
  verifyVolumeId,
} from './simple-formats.js';
export type { FormatName, SimpleFormatName } from './simple-formats.js';
export {
  isIp,
  isIpv4,
  isIpv6,
  verifyIp,
  verifyIpv4,
  verifyIpv4Config,
  verifyIpv6,
  verifyIpv6Config,
  verifyIpWithLinkLocalInterface,
} from './ip-address.js';
export type { FormatResult, FormatVerifier } from './format-result.js';
