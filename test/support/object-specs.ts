/** The compiled typed specs of the property-string formats, by format name (as the vectors name them). */
import { deviceSpec } from '../../src/typed/device.js';
import { featuresSpec } from '../../src/typed/features.js';
import { mountPointSpec, rootfsSpec } from '../../src/typed/mount-point.js';
import { netSpec } from '../../src/typed/net.js';
import type { CompiledObjectSpec } from '../../src/typed/property-object.js';
import { unusedSpec } from '../../src/typed/unused.js';

/** A property-string format with a typed object spec (`startup` has its own codec). */
export type ObjectFormat = 'net' | 'rootfs' | 'mp' | 'features' | 'dev' | 'unused';

export const OBJECT_SPECS: Readonly<Record<ObjectFormat, CompiledObjectSpec>> = {
  net: netSpec,
  rootfs: rootfsSpec,
  mp: mountPointSpec,
  features: featuresSpec,
  dev: deviceSpec,
  unused: unusedSpec,
};
