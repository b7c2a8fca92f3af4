/**
 * pctkit/create — `pct create` as a pure planner: the template's compression from its name, the
 * config Proxmox builds from the parameters, the extraction plan, and (after extraction) detection,
 * the post-create setup plan and the final config text. The extractor itself is in pctkit/effects.
 * @packageDocumentation
 */
export { templateCompression, templateFileName, TAR_COMPRESSION_OPTION } from './template-name.js';
export type { TemplateCompression, TemplateNameCode } from './template-name.js';
export { DEFAULT_ID_MAP, idMapOf, mapId, usernsexecArgs } from './id-map.js';
export type { IdMap, IdMapRange } from './id-map.js';
export { DEFAULT_STORAGES, createConfig } from './create-config.js';
export type {
  CreateConfig,
  CreateConfigCode,
  CreateHost,
  CreateRequest,
  StorageFacts,
  VolumeAllocation,
} from './create-config.js';
export {
  createFailurePrefix,
  planCreate,
  planPostCreate,
  proxmoxTarCommand,
} from './create-plan.js';
export type {
  CreatePlan,
  CreatePlanCode,
  ExtractionPlan,
  PostCreateInput,
  PostCreatePlan,
} from './create-plan.js';
export { NO_CONFIG_TEXT, isVzdumpConfigMember, planRestoreConfig } from './restore-config.js';
export type { RestoreConfig, RestoreConfigCode, RestoreRequest } from './restore-config.js';
