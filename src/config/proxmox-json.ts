/**
 * The config as Proxmox holds it in memory (the hash `parse_pct_config` returns, minus `digest`):
 * main-section keys at the top level, plus `pending`, `snapshots`, and per section `description`,
 * `lxc` (pairs), `env`, `snapstate` and `delete`. Useful to compare with `pvesh`/API output.
 */
import type { ConfigSection, ConfigValue, PctConfig } from './model.js';

export type ProxmoxSectionJson = Record<string, ConfigValue | Array<[string, string]>>;

export interface ProxmoxConfigJson {
  [key: string]: ConfigValue | Array<[string, string]> | ProxmoxSectionJson | Record<string, ProxmoxSectionJson>;
}

function sectionJson(section: ConfigSection): ProxmoxSectionJson {
  const out = Object.create(null) as ProxmoxSectionJson;
  Object.assign(out, section.values);
  if (section.description !== undefined) out['description'] = section.description;
  if (section.lxc.length > 0) out['lxc'] = section.lxc.map(([k, v]) => [k, v] as [string, string]);
  if (section.env !== undefined) out['env'] = section.env;
  if (section.delete !== undefined) out['delete'] = section.delete;
  if (section.snapstate !== undefined) out['snapstate'] = section.snapstate;
  return out;
}

/** Proxmox's in-memory structure of a config, as a plain JSON-ready object. */
export function toProxmoxJson(config: PctConfig): ProxmoxConfigJson {
  const out = sectionJson(config.main) as ProxmoxConfigJson;
  out['pending'] = sectionJson(config.pending);
  const snapshots = Object.create(null) as Record<string, ProxmoxSectionJson>;
  for (const [name, section] of Object.entries(config.snapshots)) snapshots[name] = sectionJson(section);
  out['snapshots'] = snapshots;
  return out;
}
