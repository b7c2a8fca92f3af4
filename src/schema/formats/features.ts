/** The `features` property-string format. */
import type { PropertyStringFormat } from '../property-schema.js';

/** `features`: advanced container features, all optional, no default key. */
export const featuresFormat = {
  mount: {
    type: 'string',
    pattern: '[a-zA-Z0-9_; ]+',
    optional: true,
    description: 'File system types the container may mount, separated by `;`.',
    formatDescription: 'fstype;fstype;...',
  },
  nesting: {
    type: 'boolean',
    default: 0,
    optional: true,
    description: 'Allow nested containers (exposes procfs and sysfs of the host more).',
  },
  keyctl: {
    type: 'boolean',
    default: 0,
    optional: true,
    description: 'Unprivileged containers only: allow the keyctl() system call.',
  },
  fuse: {
    type: 'boolean',
    default: 0,
    optional: true,
    description: 'Allow FUSE file systems.',
  },
  mknod: {
    type: 'boolean',
    default: 0,
    optional: true,
    description: 'Allow creating device nodes through mknod (experimental).',
  },
  force_rw_sys: {
    type: 'boolean',
    default: 0,
    optional: true,
    description: 'Mount /sys read-write in unprivileged containers.',
  },
} as const satisfies PropertyStringFormat;
