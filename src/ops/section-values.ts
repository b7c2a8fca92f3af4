/**
 * A section as Proxmox's hash sees it: `description` and `env` are plain keys there, while pctkit's
 * model keeps them as fields of the section. These helpers read and change a section by key so the
 * operations can follow Proxmox's key-by-key logic.
 */
import type { ConfigSection, ConfigValue } from '../config/model.js';

/** Keys that live in a field of {@link ConfigSection} rather than in `values`. */
const FIELD_KEYS = new Set(['description', 'env']);

/** The value of `key` in `section` (Proxmox's `$section->{$key}`), or `undefined`. */
export function sectionGet(section: ConfigSection, key: string): ConfigValue | undefined {
  if (key === 'description') return section.description;
  if (key === 'env') return section.env;
  return Object.prototype.hasOwnProperty.call(section.values, key) ? section.values[key] : undefined;
}

/** Whether `key` is defined in `section`. */
export function sectionHas(section: ConfigSection, key: string): boolean {
  return sectionGet(section, key) !== undefined;
}

/** `section` with `key` set to `value` (a new object; the input is not changed). */
export function sectionSet(section: ConfigSection, key: string, value: ConfigValue): ConfigSection {
  if (FIELD_KEYS.has(key)) return { ...section, [key]: String(value) };
  const values = Object.assign(Object.create(null) as Record<string, ConfigValue>, section.values);
  values[key] = value;
  return { ...section, values };
}

/** `section` without `key` (the same object when `key` is not set). */
export function sectionDelete(section: ConfigSection, key: string): ConfigSection {
  if (!sectionHas(section, key)) return section;
  if (key === 'description') {
    const { description: _d, ...rest } = section;
    return rest;
  }
  if (key === 'env') {
    const { env: _e, ...rest } = section;
    return rest;
  }
  const values = Object.assign(Object.create(null) as Record<string, ConfigValue>, section.values);
  delete values[key];
  return { ...section, values };
}

/** Every key defined in `section` (values, plus `description` and `env` when set), sorted. */
export function sectionKeys(section: ConfigSection): string[] {
  const keys = Object.keys(section.values);
  if (section.description !== undefined) keys.push('description');
  if (section.env !== undefined) keys.push('env');
  return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
