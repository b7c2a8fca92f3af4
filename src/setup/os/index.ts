/** The registry of setup plugins: {@link SetupOsType} → {@link OsPlugin}. */
import { alpinePlugin } from './alpine.js';
import { archlinuxPlugin } from './archlinux.js';
import { centosPlugin } from './centos.js';
import { debianPlugin } from './debian.js';
import { devuanPlugin } from './devuan.js';
import { fedoraPlugin } from './fedora.js';
import { gentooPlugin } from './gentoo.js';
import { nixosPlugin } from './nixos.js';
import { openeulerPlugin } from './openeuler.js';
import type { OsPlugin, SetupOsType } from './os-plugin.js';
import { susePlugin } from './suse.js';
import { ubuntuPlugin } from './ubuntu.js';
import { unmanagedPlugin } from './unmanaged.js';

/** Every plugin by OS type. */
export const OS_PLUGINS: Readonly<Record<SetupOsType, OsPlugin>> = {
  debian: debianPlugin,
  devuan: devuanPlugin,
  ubuntu: ubuntuPlugin,
  centos: centosPlugin,
  fedora: fedoraPlugin,
  openeuler: openeulerPlugin,
  opensuse: susePlugin,
  archlinux: archlinuxPlugin,
  alpine: alpinePlugin,
  gentoo: gentooPlugin,
  nixos: nixosPlugin,
  unmanaged: unmanagedPlugin,
};

/** The plugin of an OS type name, or undefined for names Proxmox has no plugin for. */
export function osPlugin(type: string): OsPlugin | undefined {
  return Object.prototype.hasOwnProperty.call(OS_PLUGINS, type)
    ? OS_PLUGINS[type as SetupOsType]
    : undefined;
}

export type { OsPlugin, SetupContext, SetupOs, SetupOsType, SetupStep } from './os-plugin.js';
