/**
 * Test support for the RHEL/SUSE/Gentoo renderers: reads an upstream setup case's `config`, its
 * input files and its expected files.
 */
import { existsSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { readConfig } from '../../src/config/reader.js';
import type { DnsSettings, NicAddressing } from '../../src/setup/ip-network.js';
import { dnsSettings, netInterfaces } from '../../src/setup/setup-settings.js';
import { readShared, sharedPath } from '../support/shared.js';

export interface CaseConfig {
  /** Named interfaces in ascending netN order. */
  readonly nics: readonly NicAddressing[];
  /** DNS in test mode: config values, else 8.8.8.8 8.8.8.9 / proxmox.com. */
  readonly dns: DnsSettings;
}

/** Reads a case's `config` with the project's config reader and setup settings. */
export function readCaseConfig(testCase: string): CaseConfig {
  const main = readConfig(readShared('pve-tests', 'setup', testCase, 'config')).config.main;
  const nics = netInterfaces(main);
  if (E.isLeft(nics)) throw new Error(`${testCase}: ${nics.left}`);
  const dns = dnsSettings(main, {
    nameservers: ['8.8.8.8', '8.8.8.9'],
    searchdomains: ['proxmox.com'],
  });
  return { nics: nics.right, dns };
}

/** The expected content of a path in a case (`<path>.exp`), or undefined when there is none. */
export function expected(testCase: string, path: string): string | undefined {
  const rel = `${path.replace(/^\//, '')}.exp`;
  return existsSync(sharedPath('pve-tests', 'setup', testCase, rel))
    ? readShared('pve-tests', 'setup', testCase, rel)
    : undefined;
}

/** The input content of a path in a case, or undefined when absent. */
export function input(testCase: string, path: string): string | undefined {
  const rel = path.replace(/^\//, '');
  return existsSync(sharedPath('pve-tests', 'setup', testCase, rel))
    ? readShared('pve-tests', 'setup', testCase, rel)
    : undefined;
}

/** The PVE-section block that the section editor writes for `data` into a new file. */
export function section(data: string): string {
  return `# --- BEGIN PVE ---\n${data}# --- END PVE ---\n`;
}
