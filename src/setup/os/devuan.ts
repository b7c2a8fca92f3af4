/** The Devuan plugin (spec §5.2): Debian's steps; interfaces always in the old address style. */
import { debianSetupInit, writeDebianInterfaces } from './debian.js';
import type { OsPlugin } from './os-plugin.js';

/** The Devuan plugin. */
export const devuanPlugin: OsPlugin = {
  type: 'devuan',
  devttydir: '',
  snakeoil: true,
  setupInit: debianSetupInit,
  setupNetwork: (b, ctx) => writeDebianInterfaces(b, ctx.settings.nets, 'netmask'),
};
