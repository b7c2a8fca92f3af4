/**
 * The LXC config text as Proxmox writes it: one `key = value` line each, values verbatim (LXC has
 * no quoting). A value with a line feed would smuggle a second, unchecked line into the file, so
 * such a line is refused (recorded as an error) instead of written.
 */
import { errorDiagnostic } from '../diagnostics/diagnostic.js';
import type { LxcConfigDiagnostic } from './start-diagnostics.js';

/** Accumulates the lines of one LXC config. */
export class LxcLines {
  text = '';
  readonly refused: LxcConfigDiagnostic[] = [];

  /** Appends `key = value`; `path` names the config field the value comes from (for the refusal). */
  add(key: string, value: string, path?: string): void {
    if (value.indexOf('\n') !== -1 || key.indexOf('\n') !== -1) {
      this.refused.push(
        errorDiagnostic(
          'LXC_NEWLINE_IN_VALUE',
          `refusing to write '${key.replace(/\n/g, '\\n')}': its value contains a line feed`,
          path === undefined ? {} : { path },
        ),
      );
      return;
    }
    this.text += `${key} = ${value}\n`;
  }
}
