/** The NixOS plugin (spec §5.11): only networkd; no template fixup, init setup or timezone. */
import { setupSystemdNetworkd } from '../networkd.js';
import type { OsPlugin } from './os-plugin.js';

/** The NixOS plugin. */
export const nixosPlugin: OsPlugin = {
  type: 'nixos',
  devttydir: 'base',
  skipTimezone: true,
  setupNetwork: (b, ctx) => setupSystemdNetworkd(b, ctx.settings.nets),
};
