/**
 * Proxmox's reader (`parse_pct_config`, spec §1) on top of the lossless document: the section
 * model, the description, raw `lxc.*` keys, `env`, `snapstate`, pending `delete`, and the per-key
 * value check. Lenient like Proxmox: bad lines are reported and dropped, unknown keys and invalid
 * values are reported and kept. {@link readConfigStrict} fails like Proxmox's strict mode.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { NonEmptyArray } from 'fp-ts/lib/NonEmptyArray.js';
import { checkReaderValue } from '../schema/check-value.js';
import type { CheckedConfigValue } from '../schema/check-value.js';
import { schemaKeyEntry, type SchemaKeyEntry } from '../schema/key-registry.js';
import type { AcceptedPropertyString } from '../schema/compiled-format.js';
import { decodeText } from './description-codec.js';
import type { ConfigDiagnostic, DiagnosticCode } from './diagnostic.js';
import { parseDocument } from './document.js';
import type { ConfigDocument, DocumentLine } from './document.js';
import { explainInvalidLine } from './line-grammar.js';
import { checkLxcKey } from './lxc-keys.js';
import type { ConfigSection, ConfigValue, PctConfig } from './model.js';
import type { ParsedFields, ParsedFieldTable } from './parsed-fields.js';
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
  values: Record<string, ConfigValue>;
  /** The parsed fields of the accepted property strings of `values`. */
  fields?: Map<string, AcceptedPropertyString>;
  descriptionBuffer: string;
  plainDescription?: string;
  lxc: Array<readonly [string, string]>;
  env?: string;
  delete?: string;
  snapstate?: string;
}

function newState(name: string): SectionState {
  return {
    name,
    values: Object.create(null) as Record<string, ConfigValue>,
    descriptionBuffer: '',
    lxc: [],
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
  return read(text, options, false).result;
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
  const { result } = read(text, options, true);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  return errors.length > 0 ? E.left(errors as NonEmptyArray<ConfigDiagnostic>) : E.right(result);
}

/**
 * The value check of one file: snapshots repeat values, so with more than one section each
 * distinct `key: value` is checked once (a file with only a main section has nothing to share).
 */
type ValueChecker = (
  entry: SchemaKeyEntry | undefined,
  key: string,
  value: string,
) => CheckedConfigValue;

function valueChecker(options: ReadOptions, sections: number): ValueChecker {
  const checkOptions = options.timezones ? { timezones: options.timezones } : {};
  if (sections <= 1)
    return (entry, key, value) => checkReaderValue(entry, key, value, checkOptions);
  const seen = new Map<string, Map<string, CheckedConfigValue>>();
  return (entry, key, value) => {
    let byValue = seen.get(key);
    if (byValue === undefined) {
      byValue = new Map();
      seen.set(key, byValue);
    }
    let result = byValue.get(value);
    if (result === undefined) {
      result = checkReaderValue(entry, key, value, checkOptions);
      byValue.set(value, result);
    }
    return result;
  };
}

function read(text: string, options: ReadOptions, _strict: boolean): { result: ReadResult } {
  const document = parseDocument(text);
  const check = valueChecker(options, document.sections.length);
  const diagnostics: ConfigDiagnostic[] = [];
  let main: SectionState | undefined;
  let pending = newState('pve:pending');
  const snapshots = Object.create(null) as Record<string, SectionState>;
  const seenSections = new Map<string, number>();

  const report = (
    line: DocumentLine,
    severity: ConfigDiagnostic['severity'],
    code: DiagnosticCode,
    message: string,
    extra: Partial<ConfigDiagnostic> & { proxmoxText?: string } = {},
    section = '',
  ): void => {
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
  };

  for (const docSection of document.sections) {
    let state: SectionState;
    if (docSection.kind === 'main') {
      state = main = newState('');
    } else {
      const header = docSection.header as DocumentLine;
      const previous = seenSections.get(docSection.name);
      if (previous !== undefined) {
        report(
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
          readProperty(state, lines, index, check, report);
          break;
        case 'invalid': {
          const msg = `unable to parse config: ${line.raw}`;
          const why = explainInvalidLine(line.raw);
          report(
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
        line,
        'notice',
        'IGNORED_SNAPSTATE',
        'snapstate is only kept in snapshot sections; Proxmox drops it from the main section',
        { key: 'snapstate' },
      );
    delete mainState.snapstate;
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
  return { result: { config, diagnostics, document, parsedFields } };
}

type Reporter = (
  line: DocumentLine,
  severity: ConfigDiagnostic['severity'],
  code: DiagnosticCode,
  message: string,
  extra?: Partial<ConfigDiagnostic> & { proxmoxText?: string },
  section?: string,
) => void;

function readProperty(
  state: SectionState,
  lines: readonly DocumentLine[],
  index: number,
  check: ValueChecker,
  report: Reporter,
): void {
  const line = lines[index] as DocumentLine & { kind: 'property' };
  const entry = schemaKeyEntry(line.key);
  const key = entry === undefined ? line.key : entry.key;
  const raw = line.value;
  const checked = check(entry, key, raw);
  let value: ConfigValue = raw;
  if (E.isLeft(checked)) {
    const failure = checked.left;
    const unknown = failure.message.startsWith('unknown setting');
    const proxmoxText = `unable to parse value of '${key}' - ${failure.message}`;
    const firstLine = (failure.message.split('\n')[0] ?? '').trim();
    report(
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
  if (key in state.values) {
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
      line,
      'notice',
      'DUPLICATE_KEY',
      `'${key}' is set again (first at line ${previous}); the later value wins`,
      { key },
      state.name,
    );
  }
  state.values[key] = value;
  const accepted = E.isRight(checked) ? checked.accepted : undefined;
  if (accepted !== undefined) (state.fields ??= new Map()).set(key, accepted);
  else state.fields?.delete(key);
}
