/** The root password step (spec §4.5): `/etc/shadow` (or `/etc/passwd`) for a pre-hashed password. */
import type { PlanBuilder } from './plan-builder.js';

const PRE_HASHED = /^\$(?:1|2|2a|2x|2y|5|6)\$[A-Za-z0-9./]{1,16}\$[A-Za-z0-9./]+$/;

/** Whether a password is already a crypt hash that Proxmox uses verbatim. */
export function isPreHashedPassword(password: string): boolean {
  return PRE_HASHED.test(password);
}

/** Lines with their terminators (the last one may lack its LF). */
function rawLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Replaces fields of `user:` lines that have at least `minFields` fields. */
export function replaceUserFields(
  content: string,
  user: string,
  minFields: number,
  fields: Readonly<Record<number, string>>,
): string {
  return rawLines(content)
    .map((line) => {
      if (!line.startsWith(`${user}:`)) return line;
      const nl = line.endsWith('\n') ? '\n' : '';
      const items = line.slice(0, line.length - nl.length).split(':');
      if (items.length < minFields) return line;
      for (const [i, v] of Object.entries(fields)) items[Number(i)] = v;
      return items.join(':') + nl;
    })
    .join('');
}

/**
 * Sets root's password hash (`undefined` → `*`, a locked account) and, with a shadow file, the
 * days since the epoch of the last change. File modes and owners are kept.
 */
export function setRootPassword(b: PlanBuilder, hash: string | undefined, now: number): void {
  if (!b.fileExists('/etc/passwd')) return;
  const value = hash ?? '*';
  if (hash !== undefined && !isPreHashedPassword(hash)) {
    b.fail(
      'SETUP_PASSWORD_NOT_HASHED',
      'the root password must be given as a crypt hash ($1$, $2*$, $5$ or $6$)',
    );
    return;
  }
  if (b.fileExists('/etc/shadow')) {
    const shadow = b.getContents('/etc/shadow');
    if (shadow === undefined) return;
    const days = String(Math.floor(now / 86400));
    b.rewritePreserving(
      '/etc/shadow',
      replaceUserFields(shadow, 'root', 3, { 1: value, 2: days }),
      'root password',
    );
    const passwd = b.getContents('/etc/passwd');
    if (passwd === undefined) return;
    b.rewritePreserving(
      '/etc/passwd',
      replaceUserFields(passwd, 'root', 2, { 1: 'x' }),
      'root password is in /etc/shadow',
    );
  } else {
    const passwd = b.getContents('/etc/passwd');
    if (passwd === undefined) return;
    b.rewritePreserving(
      '/etc/passwd',
      replaceUserFields(passwd, 'root', 2, { 1: value }),
      'root password',
    );
  }
}
