/**
 * Member names as an extractor may use them (spec B.5 item 2): leading `/` and `./` stripped (GNU
 * tar strips them too), empty and `.` components dropped, any `..` component refused (GNU tar
 * skips such members), NUL refused. The result is a list of plain components, safe to look up one
 * at a time below the target with no-follow primitives.
 */

/** A usable member name, or why not. */
export type MemberName =
  | { readonly ok: true; readonly components: readonly string[]; readonly stripped: boolean }
  | { readonly ok: false; readonly reason: 'dotdot' | 'empty' | 'nul' };

/** Sanitises a member (or hard-link target) name. `components` is empty for the root itself. */
export function sanitiseMemberName(name: string): MemberName {
  if (name.includes('\0')) return { ok: false, reason: 'nul' };
  if (name === '') return { ok: false, reason: 'empty' };
  const components: string[] = [];
  let stripped = name.startsWith('/');
  for (const c of name.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') return { ok: false, reason: 'dotdot' };
    components.push(c);
  }
  if (components.length === 0 && !/^[./]+$/.test(name)) return { ok: false, reason: 'empty' };
  if (stripped && components.length === 0) stripped = false;
  return { ok: true, components, stripped };
}

/**
 * Proxmox's `--anchored --exclude ./dev/*` applied to both spellings: a member below `dev/` (with or
 * without the `./` prefix) is excluded; `dev` itself is kept.
 */
export function isExcludedDev(components: readonly string[]): boolean {
  return components.length > 1 && components[0] === 'dev';
}

/** True when a name has control characters (newline, escape, …) worth a notice. */
export function hasControlCharacters(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\x00-\x1f\x7f]/.test(name);
}
