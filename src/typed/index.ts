/**
 * The typed config: io-ts codecs for every property of the container schema, the typed view of a
 * whole file (`decodeConfig` / `encodeConfig`) at the reader or API level. Re-exports only
 * (the format docs generator is scripts/format-docs.ts, outside the package).
 */
export type { CheckLevel, ValueFailure } from './check-level.js';
export { isKnown, openEnum, textCodec } from './text-codec.js';
export type { OpenEnum, TextCodec, TextCodecParts } from './text-codec.js';
export { CidrAddress, Ipv4Config, Ipv6Config, MountIdmap, MountIdmapEntry, deepEqual } from './field-kinds.js';
export type { FieldKind, FieldKindName } from './field-kinds.js';
export { fastParse, printObject, proxmoxValues, storedText } from './property-object.js';
export type { CompiledObjectSpec, FieldSpec, PropertyObjectSpec } from './property-object.js';
export { NetInterface, netCodec, netSpec } from './net.js';
export { MountPoint, RootFs, mountPointCodec, mountPointSpec, rootfsCodec, rootfsSpec, volumeType } from './mount-point.js';
export { Features, featuresCodec, featuresSpec } from './features.js';
export { DevicePassthrough, deviceCodec, deviceSpec } from './device.js';
export { UnusedVolume, unusedCodec, unusedSpec } from './unused.js';
export { StartupOrder, decodeStartup, printStartupCanonical, startupCodec } from './startup.js';
export { LxcDeviceRule, LxcIdmapEntry, LxcMountEntry, LxcSettings, lxcSettings } from './lxc-views.js';
export { PendingDelete, parsePendingDeletes, printPendingDeletes } from './pending-delete.js';
export { apiCodecs, familyHandlers, keyInfo, propertyCodec, readerCodecs, scalarHandlers } from './properties.js';
export type { AnyHandler, FamilyKey, KeyInfo, PropertyHandler, ScalarKey } from './properties.js';
export { ContainerConfig, PendingChanges, SnapshotConfig, decodeSection, encodeSection } from './container-config.js';
export type { SectionProblem } from './container-config.js';
export { formatTypedDiagnostic, humanReason } from './diagnostics.js';
export type { TypedDiagnostic, TypedDiagnosticCode } from './diagnostics.js';
export { TypedConfig, decodeConfig, encodeConfig } from './decode-config.js';
export type { DecodeOptions, DecodedConfig, EncodeOptions } from './decode-config.js';
