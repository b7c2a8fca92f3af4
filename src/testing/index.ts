/**
 * `pctkit/testing`: fast-check arbitraries and round-trip assertions for test harnesses that check
 * container configs, property strings and root filesystems. Needs `fast-check` (an optional peer
 * dependency of pctkit) installed beside it; pure like the core (no Node built-ins).
 *
 * ```ts
 * import fc from 'fast-check';
 * import { assertLosslessRoundTrip, configText } from 'pctkit/testing';
 *
 * fc.assert(fc.property(configText(), (text) => assertLosslessRoundTrip(text)));
 * ```
 * @packageDocumentation
 */

// Config files as text: realistic (with broken lines) and valid
export * from './arbitraries.js';
export { validConfigText } from './valid-configs.js';
export type { ValidConfigOptions } from './valid-configs.js';

// Property strings
export {
  netString,
  rootfsString,
  mountPointString,
  featuresString,
  deviceString,
  unusedString,
  startupString,
  propertyStringArbitraries,
  macAddress,
  ipv4Address,
  ipv6Address,
  volumeId,
  absolutePath,
} from './property-strings.js';
export type { PropertyStringOptions } from './property-strings.js';

// Root-filesystem snapshots
export {
  fsSnapshotInput,
  rootfsSnapshot,
  distributionRootfsInput,
  distributionRootfs,
  elfHeader,
  DISTRIBUTION_OS_TYPES,
} from './fs-snapshots.js';
export type { FsSnapshotInput, FsSnapshotOptions, ElfArch } from './fs-snapshots.js';

// Assertions
export { assertLosslessRoundTrip, assertCanonical, RoundTripAssertionError } from './assertions.js';
