/**
 * pctkit/start — what `pct start` computes before LXC runs, as pure data. {@link planLxcConfig}
 * turns a container's PVE config (the main section `readConfig` returns), the host's facts
 * ({@link HostFacts}: decode them with {@link decodeHostFacts}, or collect them with
 * `readHostFacts` from `pctkit/effects`) and a seeded random source into the exact bytes of
 * `/var/lib/lxc/<vmid>/config` and `rules.seccomp`, the warnings Proxmox prints, or Proxmox's
 * error — byte-identical to Proxmox VE's `update_lxc_config`, offline, in a browser or in CI.
 * Pure like the core: no Node built-ins, no clock, no randomness of its own.
 * @packageDocumentation
 */
export { planLxcConfig } from './lxc-config.js';
export type { LxcConfigFiles, LxcConfigOptions, LxcConfigPlan } from './lxc-config.js';
export type { LxcConfigCode, LxcConfigDiagnostic } from './start-diagnostics.js';
export { HostFacts, HostDeviceNode, CpusetEffective, decodeHostFacts } from './host-facts.js';
export type { HostFactsCode } from './host-facts.js';
export { factsQuery } from './facts-query.js';
export type { FactsQuery } from './facts-query.js';
export { parseLxcVersion } from './lxc-version.js';
export { parseCpuList, printCpuList, chooseCpus } from './cpu-list.js';
export { drand48 } from '../random/drand48.js';
export type { RandomSource } from '../random/random-source.js';
export type {
  Diagnostic,
  DiagnosticLocation,
  Failure,
  Result,
  Severity,
} from '../diagnostics/index.js';

// The mount plan (A.2): what the pre-start hook mounts, from the config and storage.cfg
export { planMounts } from './mount-plan.js';
export type {
  MountCode,
  MountPlan,
  MountPlanOptions,
  MountMethod,
  PlannedMount,
  PlannedDevice,
  DeviceNode,
} from './mount-plan.js';
export { containerIdMap, resolveMountIdmap } from './mount-idmap.js';
export type { IdRange, IdmapException } from './mount-idmap.js';
export { assembleMountOptions, QUOTA_OPTIONS } from './mount-options.js';

// The start plan as one value: pending, LXC config, mounts, ostype check, pre-start setup
export { planStart } from './start-plan.js';
export type { StartPlan, StartPlanCode, StartPlanInput } from './start-plan.js';
