/**
 * Which per-config host facts a start consults: the bridges its NICs name (for their MTU) and the
 * host paths of its passthrough devices. `readHostFacts` (pctkit/effects) takes these as inputs,
 * so it reads only what the plan needs.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigSection } from '../config/model.js';
import { deviceFormat } from '../schema/formats/device.js';
import { netFormat } from '../schema/formats/net.js';
import { parsePropertyString } from '../schema/property-string.js';
import { deviceKeys } from './lxc-devices.js';
import { netKeys } from './lxc-network.js';

/** The per-config facts a start looks up. */
export interface FactsQuery {
  /** Bridge names of the `netN` entries (each once, in key order). */
  readonly bridges: readonly string[];
  /** Host paths of the `devN` entries (each once, in key order). */
  readonly devicePaths: readonly string[];
}

/** The bridges and device paths of a config's main section (entries that do not parse are skipped). */
export function factsQuery(section: ConfigSection): FactsQuery {
  const bridges = new Set<string>();
  for (const key of netKeys(section.values)) {
    const net = parsePropertyString(netFormat, String(section.values[key]));
    if (E.isRight(net) && net.right['bridge'] !== undefined)
      bridges.add(String(net.right['bridge']));
  }
  const devicePaths = new Set<string>();
  for (const key of deviceKeys(section.values)) {
    const dev = parsePropertyString(deviceFormat, String(section.values[key]));
    if (E.isRight(dev) && dev.right['path'] !== undefined)
      devicePaths.add(String(dev.right['path']));
  }
  return { bridges: [...bridges], devicePaths: [...devicePaths] };
}
