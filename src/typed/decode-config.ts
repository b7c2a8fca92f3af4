/**
 * The typed view of a whole config file: `decodeConfig` (text or the reader's result → current,
 * pending, snapshots and diagnostics at the chosen level) and `encodeConfig` (typed view → the
 * reader's model, whose `writeConfig` gives the canonical text).
 */
import * as t from 'io-ts/lib/index.js';
import type { DocumentLine } from '../config/document.js';
import type { ConfigSection, PctConfig } from '../config/model.js';
import { readConfig } from '../config/reader.js';
import type { ReadResult } from '../config/reader.js';
import type { CheckLevel } from './check-level.js';
import type { SectionProblem } from './container-config.js';
import { ContainerConfig, decodeSection, encodeSection, PendingChanges, SnapshotConfig } from './container-config.js';
import type { LineIndex, TypedDiagnostic } from './diagnostics.js';
import { apiDiagnostics, fromReaderDiagnostics } from './diagnostics.js';

/** A whole config file, typed: the current config, the pending changes and the snapshots by name. */
export const TypedConfig = t.readonly(
  t.type({
    current: ContainerConfig,
    pending: PendingChanges,
    snapshots: t.readonly(t.record(t.string, SnapshotConfig)),
  }),
  'TypedConfig',
);
/** A whole config file, typed (see {@link TypedConfig}). */
export type TypedConfig = t.TypeOf<typeof TypedConfig>;

/** What {@link decodeConfig} returns: the typed config and the diagnostics of the chosen level. */
export interface DecodedConfig extends TypedConfig {
  readonly diagnostics: readonly TypedDiagnostic[];
}

/** Options of {@link decodeConfig}. */
export interface DecodeOptions {
  /** `reader` (default): what Proxmox's file reader reports. `api`: also what `pct set` refuses. */
  readonly level?: CheckLevel;
  /** Valid time zone names for `timezone` (any name when absent, as the zone list is host data). */
  readonly timezones?: ReadonlySet<string>;
}

function lineIndex(result: ReadResult): LineIndex {
  let numbered: DocumentLine[] | undefined;
  let keyed: Map<string, DocumentLine> | undefined;
  return {
    byNumber: (n) => {
      if (numbered === undefined) {
        numbered = [];
        for (const s of result.document.sections) {
          if (s.header) numbered[s.header.line] = s.header;
          for (const l of s.lines) numbered[l.line] = l;
        }
      }
      return numbered[n];
    },
    ofKey: (section, key) => {
      if (keyed === undefined) {
        keyed = new Map();
        for (const s of result.document.sections) {
          for (const l of s.lines) {
            let k: string | undefined;
            if (l.kind === 'property') k = l.key;
            else if (l.kind === 'description' || l.kind === 'comment') k = 'description';
            else if (l.kind === 'lxc' && l.key === 'lxc.environment.runtime') k = 'env';
            if (k === undefined) continue;
            const id = `${s.name}\0${k}`;
            if (k === 'description' || k === 'env') {
              if (!keyed.has(id)) keyed.set(id, l);
            } else keyed.set(id, l);
          }
        }
      }
      return keyed.get(`${section}\0${key}`);
    },
  };
}

/**
 * Decodes a config file (its text, or what `readConfig` returned for it) into the typed view. Never
 * fails: values the reader refuses are kept as text in `invalid`, unknown keys in `unknown`. With
 * `level: 'api'` the diagnostics also hold what `pct set` would refuse.
 */
export function decodeConfig(input: string | ReadResult, options: DecodeOptions = {}): DecodedConfig {
  const level = options.level ?? 'reader';
  const checkOptions = options.timezones ? { timezones: options.timezones } : {};
  const result = typeof input === 'string' ? readConfig(input, checkOptions) : input;
  const { config } = result;
  const problems: Array<{ section: string; problem: SectionProblem }> = [];
  const sectionProblems = (section: string) => (problem: SectionProblem): void => void problems.push({ section, problem });
  const parsed = result.parsedFields;
  const current = decodeSection(config.main, level, checkOptions, sectionProblems(''), parsed.get(config.main)) as ContainerConfig;
  const pending = decodeSection(config.pending, level, checkOptions, sectionProblems('pve:pending'), parsed.get(config.pending));
  const snapshots = Object.create(null) as Record<string, SnapshotConfig>;
  for (const name of Object.keys(config.snapshots)) {
    const section = config.snapshots[name] as ConfigSection;
    snapshots[name] = decodeSection(section, level, checkOptions, sectionProblems(name), parsed.get(section));
  }
  let diagnostics: TypedDiagnostic[] = [];
  if (result.diagnostics.length > 0 || problems.length > 0) {
    const lines = lineIndex(result);
    diagnostics = fromReaderDiagnostics(result.diagnostics, lines);
    const api: TypedDiagnostic[] = [];
    for (const { section, problem } of problems) api.push(...apiDiagnostics(section, problem.key, problem.failure, lines));
    api.sort((a, b) => a.line - b.line || a.column - b.column);
    diagnostics.push(...api);
  }
  return { current, pending, snapshots, diagnostics };
}

/** Options of {@link encodeConfig}. */
export interface EncodeOptions {
  /** Time zone names, as given to {@link decodeConfig} (used to re-check kept `source` texts). */
  readonly timezones?: ReadonlySet<string>;
}

/** Encodes the typed view to the reader's model; `writeConfig` of it gives the canonical text. */
export function encodeConfig(typed: TypedConfig, options: EncodeOptions = {}): PctConfig {
  const checkOptions = options.timezones ? { timezones: options.timezones } : {};
  const snapshots = Object.create(null) as Record<string, ConfigSection>;
  for (const name of Object.keys(typed.snapshots)) {
    snapshots[name] = encodeSection(typed.snapshots[name] as SnapshotConfig, checkOptions);
  }
  return {
    main: encodeSection(typed.current, checkOptions),
    pending: encodeSection(typed.pending, checkOptions),
    snapshots,
  };
}
