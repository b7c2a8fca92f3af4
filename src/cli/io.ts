/** What a CLI command may touch: injected so that commands run in-process in tests. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../effects/atomic-write.js';
import { readConfigFile, updateConfigFile } from '../effects/config-file.js';
import { textToBytes } from '../encoding/lossless-text.js';

/** A file's text as read for an edit, and its digest (SHA-1 hex of its bytes). */
export interface FileText {
  readonly text: string;
  readonly digest: string;
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** A config file's text (lossless: bytes that are not UTF-8 survive a write back). */
  readonly readFile: (path: string) => string;
  readonly writeFile: (path: string, text: string) => void;
  /**
   * Read-modify-write under the file's lock: `edit` gets the current text and returns the new
   * text (or `undefined` to leave the file alone). Without it, `updateFile` below reads and writes
   * without a lock (for in-memory test doubles).
   */
  readonly updateFile?: (path: string, edit: (current: FileText) => string | undefined) => void;
  /** The host's time zone names (zone.tab), when it has them. */
  readonly timezones?: () => ReadonlySet<string> | undefined;
}

/** SHA-1 hex of a text's bytes. */
export function digestOf(text: string): string {
  return createHash('sha1').update(textToBytes(text)).digest('hex');
}

/** Runs an edit through `io.updateFile`, or read + write when the io has none. */
export function updateFile(
  io: CliIo,
  path: string,
  edit: (current: FileText) => string | undefined,
): void {
  if (io.updateFile) return io.updateFile(path, edit);
  const text = io.readFile(path);
  const next = edit({ text, digest: digestOf(text) });
  if (next !== undefined && next !== text) io.writeFile(path, next);
}

/** Zone names from column 3 of zone.tab (as Proxmox reads them), else the `Z` lines of tzdata.zi. */
export function hostTimezones(dir = '/usr/share/zoneinfo'): ReadonlySet<string> | undefined {
  try {
    const tab = readFileSync(`${dir}/zone.tab`, 'utf8');
    const zones = new Set<string>();
    for (const line of tab.split('\n')) {
      if (line.startsWith('#')) continue;
      const name = line.split('\t')[2];
      if (name !== undefined && name !== '') zones.add(name.trim());
    }
    if (zones.size > 0) return zones;
  } catch {
    /* try tzdata.zi */
  }
  try {
    const zi = readFileSync(`${dir}/tzdata.zi`, 'utf8');
    const zones = new Set<string>();
    for (const line of zi.split('\n'))
      if (line.startsWith('Z ')) zones.add(line.split(' ')[1] as string);
    return zones.size > 0 ? zones : undefined;
  } catch {
    return undefined;
  }
}

/** How long to wait for a file's lock: `PCTKIT_LOCK_TIMEOUT` seconds, 60 by default. */
function lockTimeoutMs(): number {
  const s = Number(process.env['PCTKIT_LOCK_TIMEOUT']);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 60_000;
}

/** What happened to stdout: set when a write failed (a closed pipe, a full disk). */
export const stdoutState: { error?: NodeJS.ErrnoException } = {};

function writeStdout(text: string): void {
  if (stdoutState.error !== undefined) return;
  try {
    // Lossless: `config fmt FILE > out` gives back a value's bytes that are not UTF-8.
    process.stdout.write(textToBytes(text));
  } catch (e) {
    stdoutState.error = e as NodeJS.ErrnoException;
  }
}

export const processIo: CliIo = {
  stdout: writeStdout,
  stderr: (t) => {
    try {
      process.stderr.write(textToBytes(t));
    } catch {
      /* nowhere left to report it */
    }
  },
  readFile: (p) => readConfigFile(p).text,
  writeFile: (p, t) => {
    // A file written outright (not read first): keep an existing file's mode and owner.
    let mode = 0o640;
    let owner: { uid: number; gid: number } | undefined;
    try {
      const current = readConfigFile(p);
      mode = current.mode;
      owner = { uid: current.uid, gid: current.gid };
    } catch {
      /* a new file */
    }
    writeFileAtomic(
      p,
      textToBytes(t),
      owner ? { mode, owner, removeStaleTemps: true } : { mode, removeStaleTemps: true },
    );
  },
  updateFile: (p, edit) =>
    updateConfigFile(
      p,
      (current) => {
        const next = edit({ text: current.text, digest: current.digest });
        return next === undefined ? { value: undefined } : { write: next, value: undefined };
      },
      { timeoutMs: lockTimeoutMs() },
    ),
  timezones: () => hostTimezones(),
};

/** Exit codes: 0 ok, 1 the files have problems (or the operation failed), 2 usage. */
export type ExitCode = 0 | 1 | 2;
