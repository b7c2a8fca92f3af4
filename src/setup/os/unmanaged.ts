/** The Unmanaged plugin (spec §5.12): every hook and step is a no-op. */
import type { OsPlugin } from './os-plugin.js';

/** The Unmanaged plugin. */
export const unmanagedPlugin: OsPlugin = {
  type: 'unmanaged',
  devttydir: 'base',
  unmanaged: true,
};
