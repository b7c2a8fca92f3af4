/**
 * Proxmox's reader (`parse_pct_config`, spec §1) on top of the lossless document: the section
 * model, the description, raw `lxc.*` keys, `env`, `snapstate`, pending `delete`, and the per-key
 * value check. Lenient like Proxmox: bad lines are reported and dropped, unknown keys and invalid
 * values are reported and kept. {@link readConfigStrict} fails like Proxmox's strict mode.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { NonEmptyArray } from 'fp-ts/lib/NonEmptyArray.js';
import { checkReaderValue } from '../schema/check-value.js';
import type { CheckedConfigValue, ValueCheckOptions } from '../schema/check-value.js';
import { schemaKeyCount, schemaKeyEntry, type SchemaKeyEntry } from '../schema/key-registry.js';
import { decodeText } from './description-codec.js';
import type { ConfigDiagnostic, DiagnosticCode } from './diagnostic.js';
import { parseDocument } from './document.js';
import type { ConfigDocument, DocumentLine } from './document.js';
import { explainInvalidLine } from './line-grammar.js';
import { checkLxcKey } from './lxc-keys.js';
import type { ConfigSection, ConfigValue, PctConfig } from './model.js';
import { FieldTable, type ParsedFields, type ParsedFieldTable } from './parsed-fields.js';
import { isPerlTrue } from '../perl/index.js';

export interface ReadOptions {
  /** Valid time zone names for `timezone:` (Proxmox reads the host's zone.tab); any name when absent. */
  readonly timezones?: ReadonlySet<string>;
}

/** What the reader makes of a file: the model, everything it noticed, and the lossless document. */
export interface ReadResult {
  readonly config: PctConfig;
  readonly diagnostics: readonly ConfigDiagnostic[];
  readonly document: ConfigDocument;
  /**
   * What the reader parsed of the property strings it accepted, by the section objects of
   * `config`: `decodeConfig` decodes them from here instead of parsing them again.
   */
  readonly parsedFields: ParsedFields;
}

interface SectionState {
  readonly name: string;
  /** This section's stamp in `keyStamps`. */
  readonly stamp: number;
  values: Record<string, ConfigValue>;
  /** The parsed fields of the accepted property strings of `values`. */
  fields: FieldTable | undefined;
  descriptionBuffer: string;
  plainDescription: string | undefined;
  lxc: Array<readonly [string, string]>;
  env: string | undefined;
  delete: string | undefined;
  snapstate: string | undefined;
}

/**
 * Per registry key (by ordinal), the stamp of the last section that set it: a section's stamp is
 * new, so a key set in it before is one whose stamp is the section's. Scratch of the reader, which
 * is synchronous and never re-enters.
 */
let keyStamps: Int32Array = new Int32Array(0);
let lastStamp = 0;

function newState(name: string): SectionState {
  if (keyStamps.length === 0) keyStamps = new Int32Array(schemaKeyCount());
  if (lastStamp === 0x7fffffff) {
    keyStamps.fill(0);
    lastStamp = 0;
  }
  return {
    name,
    stamp: ++lastStamp,
    values: Object.create(null) as Record<string, ConfigValue>,
    // Every field from the start: one object shape for all states.
    fields: undefined,
    descriptionBuffer: '',
    plainDescription: undefined,
    lxc: [],
    env: undefined,
    delete: undefined,
    snapstate: undefined,
  };
}

function finish(state: SectionState, parsed: Map<ConfigSection, ParsedFieldTable>): ConfigSection {
  const description = isPerlTrue(state.descriptionBuffer)
    ? state.descriptionBuffer
    : state.plainDescription;
  const section: { -readonly [K in keyof ConfigSection]: ConfigSection[K] } = {
    values: state.values,
    lxc: state.lxc,
  };
  if (description !== undefined) section.description = description;
  if (state.env !== undefined) section.env = state.env;
  if (state.delete !== undefined) section.delete = state.delete;
  if (state.snapstate !== undefined) section.snapstate = state.snapstate;
  if (state.fields !== undefined) parsed.set(section, state.fields);
  return section;
}

/** Reads a config file like Proxmox does for everything it loads (non-strict). Never fails. */
export function readConfig(text: string, options: ReadOptions = {}): ReadResult {
  return read(text, options, false);
}

/**
 * Reads a config file in Proxmox's strict mode (used for incoming remote migrations): every error
 * is returned, in file order; Proxmox dies with the first (`formatProxmoxMessages([errors[0]], id)`).
 * Warnings (deprecated `lxc.*` keys) do not make it fail.
 */
export function readConfigStrict(
  text: string,
  options: ReadOptions = {},
): E.Either<NonEmptyArray<ConfigDiagnostic>, ReadResult> {
  const result = read(text, options, true);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  return errors.length > 0 ? E.left(errors as NonEmptyArray<ConfigDiagnostic>) : E.right(result);
}

/**
 * The value check of one file: snapshots repeat values, so with more than one section each
 * distinct `key: value` is checked once (a file with only a main section has nothing to share, and
 * no table). The table lives for one call only.
 */
type SharedChecks = Map<string, Map<string, CheckedConfigValue>>;

function checkValue(
  entry: SchemaKeyEntry | undefined,
  key: string,
  value: string,
  options: ValueCheckOptions,
  shared: SharedChecks | undefined,
): CheckedConfigValue {
  if (shared === undefined) return checkReaderValue(entry, key, value, options);
  let byValue = shared.get(key);
  if (byValue === undefined) {
    byValue = new Map();
    shared.set(key, byValue);
  }
  let result = byValue.get(value);
  if (result === undefined) {
    result = checkReaderValue(entry, key, value, options);
    byValue.set(value, result);
  }
  return result;
}

/** Everything one read shares across its lines. */
interface ReadContext {
  readonly options: ValueCheckOptions;
  readonly shared: SharedChecks | undefined;
  readonly diagnostics: ConfigDiagnostic[];
}

/** Adds a diagnostic about `line` (from `extra.column`, default 1, to the end of the line). */
function report(
  diagnostics: ConfigDiagnostic[],
  line: DocumentLine,
  severity: ConfigDiagnostic['severity'],
  code: DiagnosticCode,
  message: string,
  extra: Partial<ConfigDiagnostic> & { proxmoxText?: string } = {},
  section = '',
): void {
  const column = extra.column ?? 1;
  diagnostics.push({
    severity,
    code,
    message,
    line: line.line,
    column,
    offset: line.offset + column - 1,
    length: Math.max(0, line.raw.length - (column - 1)),
    section,
    ...extra,
  });
}

const NO_OPTIONS: ValueCheckOptions = {};

function read(text: string, options: ReadOptions, _strict: boolean): ReadResult {
  const document = parseDocument(text);
  const diagnostics: ConfigDiagnostic[] = [];
  const context: ReadContext = {
    options: options.timezones ? { timezones: options.timezones } : NO_OPTIONS,
    shared: document.sections.length > 1 ? new Map() : undefined,
    diagnostics,
  };
  let main: SectionState | undefined;
  let pending = newState('pve:pending');
  const snapshots = Object.create(null) as Record<string, SectionState>;
  // Header lines by section name (only for files with more than a main section).
  let seenSections: Map<string, number> | undefined;

  for (const docSection of document.sections) {
    let state: SectionState;
    if (docSection.kind === 'main') {
      state = main = newState('');
    } else {
      const header = docSection.header as DocumentLine;
      const previous = (seenSections ??= new Map()).get(docSection.name);
      if (previous !== undefined) {
        report(
          diagnostics,
          header,
          'notice',
          'REDEFINED_SECTION',
          `section [${docSection.name}] appears again (first at line ${previous}); its earlier content is discarded`,
          {},
          docSection.name,
        );
      }
      seenSections.set(docSection.name, header.line);
      state = newState(docSection.name);
      if (docSection.kind === 'pending') pending = state;
      else snapshots[docSection.name] = state;
    }
    const sectionName = state.name;
    const lines = docSection.lines;
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index] as DocumentLine;
      switch (line.kind) {
        case 'blank':
        case 'section':
          break;
        case 'comment':
          state.descriptionBuffer += decodeText(line.text) + '\n';
          break;
        case 'description':
          state.descriptionBuffer += decodeText(line.value);
          break;
        case 'snapstate':
          state.snapstate = line.value;
          break;
        case 'delete':
          if (docSection.kind === 'pending') state.delete = line.value;
          else {
            const msg = "property 'delete' is only allowed in [pve:pending]";
            report(
              diagnostics,
              line,
              'error',
              'DELETE_OUTSIDE_PENDING',
              msg,
              { proxmoxText: msg + '\n', key: 'delete' },
              sectionName,
            );
          }
          break;
        case 'lxc': {
          const verdict = checkLxcKey(line.key);
          if (verdict.kind === 'unknown') {
            const msg = `unable to parse config: ${line.raw}`;
            report(
              diagnostics,
              line,
              'error',
              'UNKNOWN_LXC_KEY',
              msg,
              { proxmoxText: msg + '\n', key: line.key },
              sectionName,
            );
            break;
          }
          if (verdict.kind === 'forbidden') {
            report(
              diagnostics,
              line,
              'error',
              'FORBIDDEN_LXC_KEY',
              verdict.message,
              { proxmoxText: verdict.message + '\n', key: line.key },
              sectionName,
            );
            break;
          }
          if (verdict.kind !== 'allowed') {
            const code: DiagnosticCode =
              verdict.kind === 'renamed'
                ? 'RENAMED_LXC_KEY'
                : verdict.kind === 'deprecated'
                  ? 'DEPRECATED_LXC_KEY'
                  : 'CGROUP_V1_LXC_KEY';
            report(
              diagnostics,
              line,
              'warning',
              code,
              verdict.message,
              { proxmoxText: verdict.message + '\n', key: line.key },
              sectionName,
            );
          }
          if (line.key === 'lxc.environment.runtime') {
            state.env = state.env === undefined ? line.value : state.env + '\0' + line.value;
          } else {
            state.lxc.push([line.key, line.value]);
          }
          break;
        }
        case 'property':
          readProperty(state, lines, index, context);
          break;
        case 'invalid': {
          const msg = `unable to parse config: ${line.raw}`;
          const why = explainInvalidLine(line.raw);
          report(
            diagnostics,
            line,
            'error',
            'UNPARSEABLE_LINE',
            msg,
            {
              proxmoxText: msg + '\n',
              column: why?.column ?? 1,
              ...(why ? { expected: why.expected } : {}),
            },
            sectionName,
          );
          break;
        }
      }
    }
  }

  const mainState = main ?? newState('');
  if (mainState.snapstate !== undefined) {
    const line = document.sections[0]?.lines.find(
      (l) => l.kind === 'snapstate' || (l.kind === 'property' && l.key === 'snapstate'),
    );
    if (line)
      report(
        diagnostics,
        line,
        'notice',
        'IGNORED_SNAPSTATE',
        'snapstate is only kept in snapshot sections; Proxmox drops it from the main section',
        { key: 'snapstate' },
      );
    mainState.snapstate = undefined;
  }
  const snapshotSections = Object.create(null) as Record<string, ConfigSection>;
  const parsedFields = new Map<ConfigSection, ParsedFieldTable>();
  for (const [name, state] of Object.entries(snapshots))
    snapshotSections[name] = finish(state, parsedFields);
  const config: PctConfig = {
    main: finish(mainState, parsedFields),
    pending: finish(pending, parsedFields),
    snapshots: snapshotSections,
  };
  return { config, diagnostics, document, parsedFields };
}

function readProperty(
  state: SectionState,
  lines: readonly DocumentLine[],
  index: number,
  context: ReadContext,
): void {
  const line = lines[index] as DocumentLine & { kind: 'property' };
  const entry = schemaKeyEntry(line.key);
  const key = entry === undefined ? line.key : entry.key;
  const raw = line.value;
  const checked = checkValue(entry, key, raw, context.options, context.shared);
  const diagnostics = context.diagnostics;
  let value: ConfigValue = raw;
  if (E.isLeft(checked)) {
    const failure = checked.left;
    const unknown = failure.kind === 'unknown-key';
    const proxmoxText = `unable to parse value of '${key}' - ${failure.message}`;
    const firstLine = (failure.message.split('\n')[0] ?? '').trim();
    report(
      diagnostics,
      line,
      'error',
      unknown ? 'UNKNOWN_SETTING' : 'INVALID_VALUE',
      `${key}: ${firstLine}`,
      {
        proxmoxText,
        key,
        column: line.valueColumn,
        ...(unknown ? { column: 1 } : {}),
        ...(failure.fields ? { fields: failure.fields } : {}),
      },
      state.name,
    );
  } else {
    value = checked.right;
  }
  // These keys are fields of the section in Proxmox's model, not schema values.
  switch (key) {
    case 'description':
      state.plainDescription = String(value);
      return;
    case 'snapstate':
      state.snapstate = String(value);
      return;
    case 'delete':
      state.delete = String(value);
      return;
    case 'env':
      state.env = String(value);
      return;
  }
  const values = state.values;
  let repeated: boolean;
  if (entry !== undefined) {
    // A registry key: its stamp says whether this section has set it already (no hash lookup).
    const ordinal = entry.ordinal;
    const stamps = keyStamps;
    repeated = stamps[ordinal] === state.stamp;
    stamps[ordinal] = state.stamp;
  } else repeated = values[key] !== undefined;
  if (repeated) {
    // The line that set it last: the nearest earlier property line of the key in this section.
    let previous = 0;
    for (let i = index - 1; i >= 0; i--) {
      const l = lines[i] as DocumentLine;
      if (l.kind === 'property' && l.key === key) {
        previous = l.line;
        break;
      }
    }
    report(
      diagnostics,
      line,
      'notice',
      'DUPLICATE_KEY',
      `'${key}' is set again (first at line ${previous}); the later value wins`,
      { key },
      state.name,
    );
  }
  values[key] = value;
  const accepted = E.isRight(checked) ? checked.accepted : undefined;
  if (!repeated) {
    if (accepted !== undefined) (state.fields ??= new FieldTable()).add(key, accepted);
  } else if (accepted !== undefined) (state.fields ??= new FieldTable()).set(key, accepted);
  else state.fields?.delete(key);
}
