/** root's `authorized_keys` (spec §4.6): a PVE section under the home directory from `/etc/passwd`. */
import type { PlanBuilder } from './plan-builder.js';

/**
 * root's home directory: the 6th field of its `/etc/passwd` line when the file exists (empty when
 * there is no such line), else `/root`.
 */
export function rootHome(b: PlanBuilder): string {
  if (!b.fileExists('/etc/passwd')) return '/root';
  const passwd = b.tryRead('/etc/passwd') ?? '';
  for (const line of passwd.split('\n')) {
    if (!line.startsWith('root:')) continue;
    return line.split(':')[5] ?? '';
  }
  return '';
}

/** Adds `keys` as the PVE section of `<home>/.ssh/authorized_keys` (0700 on first creation). */
export function setRootAuthorizedKeys(b: PlanBuilder, keys: string): void {
  const home = rootHome(b);
  if (home === '' || !(b.isDirectory(home) || b.isSymlink(home))) {
    b.fail('SETUP_MISSING_HOME', `home directory '${home}' of root does not exist!`);
    return;
  }
  const base = home.endsWith('/') ? home : home + '/';
  if (!b.isDirectory(`${base}.ssh`)) b.mkdir(`${base}.ssh`, 'ssh directory of root', 0o700);
  b.modifyFile(`${base}.ssh/authorized_keys`, keys, 'ssh keys of root', { perms: 0o700 });
}
