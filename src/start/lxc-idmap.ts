/**
 * User namespaces in the LXC config: a container is "user-namespaced" when it is unprivileged or
 * when a raw `lxc.idmap` line maps its ids (a custom map forces the namespace even without
 * `unprivileged: 1`); it then gets the `userns` include, the seccomp rule file, `sys:mixed`, and,
 * without a custom map, PVE's default map of ids 0–65535 onto 100000–165535 (spec A.1 rows 4, 8, 12).
 */
import type { ConfigSection } from '../config/model.js';
import { isPerlTrue } from '../perl/index.js';
import type { LxcLines } from './lxc-lines.js';

/** Whether the raw `lxc.*` lines set their own id map. */
export function hasCustomIdmap(section: ConfigSection): boolean {
  return section.lxc.some(([key]) => key === 'lxc.idmap');
}

/** `unprivileged: 1` or a custom id map. */
export function isUserNamespaced(section: ConfigSection): boolean {
  return isPerlTrue(section.values['unprivileged']) || hasCustomIdmap(section);
}

/** Row 12: the default map, unless the raw lines bring their own. */
export function addDefaultIdmapLines(lines: LxcLines, section: ConfigSection): void {
  if (!isUserNamespaced(section) || hasCustomIdmap(section)) return;
  lines.add('lxc.idmap', 'u 0 100000 65536');
  lines.add('lxc.idmap', 'g 0 100000 65536');
}
