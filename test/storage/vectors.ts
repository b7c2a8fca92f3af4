/** The storage vectors (../shared/pve-vectors/storage/cases.jsonl). */
import { readSharedJsonl } from '../support/shared.js';

export interface PathCase {
  readonly volid: string;
  readonly snapshot: string | null;
  readonly path?: string;
  readonly owner?: string | null;
  readonly vtype?: string;
  readonly error?: string;
  readonly warnings: string;
}

export interface StorageCase {
  readonly name: string;
  readonly storageCfg: string;
  readonly ids: Record<string, unknown>;
  readonly order: string[];
  readonly warnings: string;
  readonly paths: PathCase[];
}

export const storageCases = readSharedJsonl<StorageCase>('pve-vectors', 'storage', 'cases.jsonl');
