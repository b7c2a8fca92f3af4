/**
 * The playground page: paste a container config and see what pctkit makes of it — the diagnostics
 * with their positions, the canonical text as a diff, the typed view, and (through api-adapter.ts)
 * the Proxmox API's GET view, `pct config` text and the minimal PUT towards a second config.
 *
 * Everything is computed here, in the page, by the pure core bundled for the browser: nothing is
 * sent anywhere (the page's Content-Security-Policy forbids any connection). Every text that comes
 * from the user or from pctkit is inserted with `textContent`, never as HTML.
 */
import * as E from 'fp-ts/lib/Either.js';
import { formatDiagnostic } from '../../src/config/diagnostic.js';
import { readConfig } from '../../src/config/reader.js';
import type { ReadResult } from '../../src/config/reader.js';
import { writeConfig } from '../../src/config/writer.js';
import { formatLocated } from '../../src/diagnostics/index.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { unifiedDiff } from '../../src/text/unified-diff.js';
import { decodeConfig } from '../../src/typed/decode-config.js';
import { formatTypedDiagnostic } from '../../src/typed/diagnostics.js';
import type { ConfigQuery } from './api-adapter.js';
import {
  apiGetConfig,
  apiGetPending,
  apiPctConfigText,
  apiPlanUpdate,
  isUnavailable,
} from './api-adapter.js';

/** The example configs (fixtures/configs/), put in by the build (scripts/playground.mjs). */
declare const PLAYGROUND_EXAMPLES: ReadonlyArray<{ readonly name: string; readonly text: string }>;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`playground: #${id} is missing from index.html`);
  return found as T;
}

const ui = {
  fileName: element<HTMLInputElement>('file-name'),
  vmid: element<HTMLInputElement>('vmid'),
  current: element<HTMLTextAreaElement>('config-current'),
  desired: element<HTMLTextAreaElement>('config-desired'),
  apiLevel: element<HTMLInputElement>('api-level'),
  view: element<HTMLSelectElement>('view'),
  running: element<HTMLInputElement>('running'),
  example: element<HTMLSelectElement>('example'),
  loadCurrent: element<HTMLButtonElement>('load-current'),
  loadDesired: element<HTMLButtonElement>('load-desired'),
  diagnosticsStatus: element<HTMLParagraphElement>('diagnostics-status'),
  diagnostics: element<HTMLUListElement>('diagnostics'),
  canonicalStatus: element<HTMLParagraphElement>('canonical-status'),
  canonicalDiff: element<HTMLPreElement>('canonical-diff'),
  canonicalText: element<HTMLPreElement>('canonical-text'),
  typedStatus: element<HTMLParagraphElement>('typed-status'),
  typedJson: element<HTMLPreElement>('typed-json'),
  api: element<HTMLElement>('api-panels'),
};

/** The name diagnostics are reported under (`FILE:LINE:COL`), as `pctkit config check` does. */
function fileName(): string {
  const name = ui.fileName.value.trim();
  return name === '' ? 'config' : name;
}

/** The vmid the API views name (Proxmox's are 100 and up); none when the field is empty. */
function vmid(): number | undefined {
  const text = ui.vmid.value.trim();
  return /^[1-9][0-9]*$/.test(text) ? Number(text) : undefined;
}

function clear(node: HTMLElement): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

function setStatus(node: HTMLElement, text: string, kind: 'ok' | 'error' | 'info' = 'info'): void {
  node.textContent = text;
  node.dataset['kind'] = kind;
}

/** Runs one panel; a bug in one panel shows there instead of breaking the others. */
function panel(status: HTMLElement, render: () => void): void {
  try {
    render();
  } catch (e) {
    setStatus(status, `internal error: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
}

// ----- the core panels -------------------------------------------------------------------------

/** What `pctkit config check [--api]` prints: the reader's diagnostics, then the API level's. */
function renderDiagnostics(read: ReadResult): void {
  const file = fileName();
  const lines = read.diagnostics.map((d) => ({
    severity: d.severity,
    text: formatDiagnostic(d, file),
  }));
  if (ui.apiLevel.checked) {
    const api = decodeConfig(read, { level: 'api' }).diagnostics.filter((d) => d.level === 'api');
    for (const d of api) lines.push({ severity: d.severity, text: formatTypedDiagnostic(d, file) });
  }
  clear(ui.diagnostics);
  for (const line of lines) {
    const li = document.createElement('li');
    li.className = `severity-${line.severity}`;
    li.textContent = line.text;
    ui.diagnostics.appendChild(li);
  }
  const errors = lines.filter((l) => l.severity === 'error').length;
  setStatus(
    ui.diagnosticsStatus,
    lines.length === 0
      ? 'No diagnostics.'
      : `${lines.length} diagnostic${lines.length === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}.`,
    errors > 0 ? 'error' : 'ok',
  );
}

function diffLineClass(line: string): string {
  if (line.startsWith('---') || line.startsWith('+++')) return 'diff-file';
  if (line.startsWith('@@')) return 'diff-hunk';
  if (line.startsWith('+')) return 'diff-add';
  if (line.startsWith('-')) return 'diff-del';
  return 'diff-context';
}

/** What Proxmox's writer would store, as `pctkit config fmt --check` shows it. */
function renderCanonical(text: string, read: ReadResult): void {
  clear(ui.canonicalDiff);
  ui.canonicalText.textContent = '';
  const written = writeConfig(read.config);
  if (E.isLeft(written)) {
    setStatus(
      ui.canonicalStatus,
      `Proxmox's writer refuses this config: ${written.left[0].message}`,
      'error',
    );
    return;
  }
  ui.canonicalText.textContent = written.right;
  const file = fileName();
  const diff = unifiedDiff(text, written.right, file, `${file} (canonical)`);
  if (diff === '') {
    setStatus(
      ui.canonicalStatus,
      'Already canonical: Proxmox would store this text unchanged.',
      'ok',
    );
    return;
  }
  setStatus(ui.canonicalStatus, 'Proxmox would store this text with the changes below.', 'info');
  for (const line of diff.split('\n').slice(0, -1)) {
    const span = document.createElement('span');
    span.className = diffLineClass(line);
    span.textContent = line + '\n';
    ui.canonicalDiff.appendChild(span);
  }
}

/** The typed view, as `pctkit config json` prints it. */
function renderTyped(read: ReadResult): void {
  setStatus(
    ui.typedStatus,
    'current, pending and snapshots, with the diagnostics (pctkit config json):',
    'info',
  );
  ui.typedJson.textContent = JSON.stringify(decodeConfig(read), null, 2);
}

// ----- the API panels (through the adapter) ----------------------------------------------------

interface ApiPanel {
  readonly section: HTMLElement;
  readonly status: HTMLElement;
  readonly output: HTMLPreElement;
}

function apiPanel(name: string): ApiPanel {
  return {
    section: element(`api-${name}-panel`),
    status: element(`api-${name}-status`),
    output: element(`api-${name}`),
  };
}

const apiPanels = {
  get: apiPanel('get'),
  pending: apiPanel('pending'),
  pctConfig: apiPanel('pct-config'),
  put: apiPanel('put'),
};

/**
 * Shows an adapter's outcome: its reason when unavailable, the diagnostics of a failure, or the
 * value (`show` turns it into the text shown). Returns whether the API answered.
 */
function showOutcome<A>(
  p: ApiPanel,
  outcome: E.Either<readonly Diagnostic[], A> | { readonly unavailable: string },
  show: (a: A) => string,
): boolean {
  p.output.textContent = '';
  if (isUnavailable(outcome)) {
    p.section.dataset['available'] = 'false';
    setStatus(p.status, `Unavailable: ${outcome.unavailable}.`, 'info');
    return false;
  }
  p.section.dataset['available'] = 'true';
  if (E.isLeft(outcome)) {
    setStatus(p.status, 'Proxmox would refuse this:', 'error');
    p.output.textContent =
      outcome.left.map((d) => formatLocated(d, d.file ?? fileName())).join('\n') + '\n';
  } else {
    setStatus(p.status, '', 'ok');
    p.output.textContent = show(outcome.right);
  }
  return true;
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** The GET query the view selector names. */
function query(): ConfigQuery {
  const v = ui.view.value;
  if (v === 'current') return { current: true };
  if (v.startsWith('snapshot:')) return { snapshot: v.slice('snapshot:'.length) };
  return {};
}

/** Offers the snapshots of the config in the view selector, keeping the choice if it still exists. */
function updateViewChoices(read: ReadResult): void {
  const names = Object.keys(read.config.snapshots).sort();
  const wanted = ui.view.value;
  for (const option of Array.from(ui.view.options))
    if (option.value.startsWith('snapshot:')) option.remove();
  for (const name of names) {
    const option = document.createElement('option');
    option.value = `snapshot:${name}`;
    option.textContent = `snapshot ${name} (snapshot=${name})`;
    ui.view.appendChild(option);
  }
  ui.view.value = Array.from(ui.view.options).some((o) => o.value === wanted) ? wanted : 'pending';
}

function renderApi(text: string): void {
  const options = vmid() === undefined ? {} : { vmid: vmid() as number };
  let available = true;
  panel(apiPanels.get.status, () => {
    available = showOutcome(apiPanels.get, apiGetConfig(text, query(), options), json) && available;
  });
  panel(apiPanels.pending.status, () => {
    available = showOutcome(apiPanels.pending, apiGetPending(text, options), json) && available;
  });
  panel(apiPanels.pctConfig.status, () => {
    available =
      showOutcome(apiPanels.pctConfig, apiPctConfigText(text, query(), options), (s) => s) &&
      available;
  });
  panel(apiPanels.put.status, () => {
    const desired = ui.desired.value;
    if (desired === '') {
      apiPanels.put.output.textContent = '';
      delete apiPanels.put.section.dataset['available'];
      setStatus(
        apiPanels.put.status,
        'Paste a desired config above to see the minimal update towards it.',
        'info',
      );
      return;
    }
    const plan = apiPlanUpdate(text, desired, { running: ui.running.checked });
    available =
      showOutcome(apiPanels.put, isUnavailable(plan) ? plan : E.right(plan), json) && available;
  });
  ui.api.dataset['available'] = String(available);
}

// ----- wiring ----------------------------------------------------------------------------------

function render(): void {
  const text = ui.current.value;
  panel(ui.diagnosticsStatus, () => {
    const read = readConfig(text);
    panel(ui.diagnosticsStatus, () => renderDiagnostics(read));
    panel(ui.canonicalStatus, () => renderCanonical(text, read));
    panel(ui.typedStatus, () => renderTyped(read));
    panel(apiPanels.get.status, () => updateViewChoices(read));
  });
  renderApi(text);
}

function loadExample(target: HTMLTextAreaElement): void {
  const example = PLAYGROUND_EXAMPLES.find((e) => e.name === ui.example.value);
  if (example === undefined) return;
  target.value = example.text;
  if (target === ui.current) {
    ui.fileName.value = example.name;
    ui.vmid.value = example.name.replace(/\.conf$/, '');
  }
  render();
}

for (const example of PLAYGROUND_EXAMPLES) {
  const option = document.createElement('option');
  option.value = example.name;
  option.textContent = example.name;
  ui.example.appendChild(option);
}
ui.loadCurrent.addEventListener('click', () => loadExample(ui.current));
ui.loadDesired.addEventListener('click', () => loadExample(ui.desired));
for (const input of [ui.current, ui.desired, ui.fileName, ui.vmid])
  input.addEventListener('input', render);
for (const input of [ui.apiLevel, ui.view, ui.running]) input.addEventListener('change', render);
render();
document.body.dataset['ready'] = 'true';
