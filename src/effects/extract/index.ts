/** Safe streaming extraction of templates (see extract-archive.ts). */
export { extractArchive } from './extract-archive.js';
export type {
  ExtractCode,
  ExtractOptions,
  ExtractProgress,
  ExtractSummary,
  RecordedDevice,
} from './extract-archive.js';
export { sanitiseMemberName, isExcludedDev } from './member-name.js';
export type { MemberName } from './member-name.js';
export { readArchiveMember } from './read-member.js';
export type { ArchiveMember, ReadMemberCode } from './read-member.js';
