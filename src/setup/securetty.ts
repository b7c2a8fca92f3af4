/** `/etc/securetty` (spec §4.9): add missing console/tty entries to an existing file. */
import type { PlanBuilder } from './plan-builder.js';

const SECURETTY = '/etc/securetty';

/** The default entries: `console tty1 tty2 tty3 tty4`, each prefixed with the tty directory. */
export function defaultSecurettyEntries(devttydir: string): string[] {
  return ['console', 'tty1', 'tty2', 'tty3', 'tty4'].map((t) => devttydir + t);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The new file text: one trailing LF normalised, then each entry not yet present as a line. */
export function renderSecuretty(content: string, entries: readonly string[]): string {
  let text = (content.endsWith('\n') ? content.slice(0, -1) : content) + '\n';
  for (const entry of entries) {
    if (!new RegExp(`^${escapeRegExp(entry)}[\\t\\n\\v\\f\\r ]*$`, 'm').test(text))
      text += entry + '\n';
  }
  return text;
}

/** Adds `entries` to `/etc/securetty` when the file exists. */
export function setupSecuretty(b: PlanBuilder, entries: readonly string[]): void {
  if (!b.fileExists(SECURETTY)) return;
  const content = b.getContents(SECURETTY);
  if (content === undefined) return;
  b.setContents(
    SECURETTY,
    renderSecuretty(content, entries),
    'allow root logins on the container consoles',
  );
}
