/**
 * Proxmox's own os-release parser (not the full os-release(5) shell grammar). Read inside the
 * container: `/etc/os-release` when it is a regular file (links followed), else
 * `/usr/lib/os-release`, else nothing.
 *
 * Per line: `^\s*NAME=VALUE` with NAME `[A-Za-z_][A-Za-z0-9_]*`; other lines are skipped and later
 * assignments win. VALUE is `'text'` (no escapes), `"text"` (up to the first unescaped quote, then
 * `\" \' \` \n \t \$ \\` decoded; anything after the closing quote ignored), or otherwise only its
 * leading run of `[A-Za-z0-9]` (so unquoted `VERSION_ID=10.1` reads as `10`, and an unterminated
 * quote gives the empty string).
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeUtf8 } from '../encoding/utf8.js';
import { type FsSnapshot, isFile, readFile } from './fs-snapshot.js';

/** The parsed key → value map (insertion order: first assignment of each key). */
export type OsRelease = ReadonlyMap<string, string>;

/** The container paths tried, in order. */
export const OS_RELEASE_PATHS = ['/etc/os-release', '/usr/lib/os-release'] as const;

const ASSIGNMENT = /^[ \t\n\r\f\v]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
const SINGLE_QUOTED = /^'([^']*)'/;
const DOUBLE_QUOTED = /^"((?:[^"\\]|\\.)*)"/s;
const DOUBLE_QUOTED_ESCAPE = /\\(["'`nt$\\])/g;
const BARE = /^[A-Za-z0-9]*/;

/** The value of one assignment's right-hand side, by Proxmox's rules. */
export function parseOsReleaseValue(raw: string): string {
  const single = SINGLE_QUOTED.exec(raw);
  if (single) return single[1] as string;
  const double = DOUBLE_QUOTED.exec(raw);
  if (double) {
    return (double[1] as string).replace(DOUBLE_QUOTED_ESCAPE, (_m, c: string) =>
      c === 'n' ? '\n' : c === 't' ? '\t' : c,
    );
  }
  return (BARE.exec(raw) as RegExpExecArray)[0];
}

/** Parses os-release text into its key → value map. */
export function parseOsRelease(text: string): OsRelease {
  const map = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = ASSIGNMENT.exec(line);
    if (m) map.set(m[1] as string, parseOsReleaseValue(m[2] as string));
  }
  return map;
}

/**
 * Reads and parses the container's os-release: `/etc/os-release` if it is a regular file, else
 * `/usr/lib/os-release` if it is one, else the empty map. `path` tells which file was read.
 */
export function readOsRelease(snapshot: FsSnapshot): {
  readonly path?: string;
  readonly osRelease: OsRelease;
} {
  for (const path of OS_RELEASE_PATHS) {
    if (!isFile(snapshot, path)) continue;
    const bytes = readFile(snapshot, path);
    if (E.isRight(bytes)) return { path, osRelease: parseOsRelease(decodeUtf8(bytes.right)) };
  }
  return { osRelease: new Map() };
}
