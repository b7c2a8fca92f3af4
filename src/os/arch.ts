/**
 * Container architecture detection from an ELF header, as Proxmox runs it inside the container
 * (chroot semantics) when a config has no `arch:` yet. The ELF file is `/bin/sh`; on NixOS it is
 * the interpreter named on the `#!` line of `/sbin/init`.
 *
 * Proxmox reads up to 20 bytes and unpacks them as `A4 C A12 n`: the magic, the class byte, twelve
 * skipped bytes and a **big-endian** 16-bit "machine" from bytes 17–18. For little-endian files
 * this is e_machine as long as the high byte of e_type is 0; big-endian files report e.g. `512`.
 * Files shorter than 19 bytes leave the machine undefined (Perl warnings, machine `''`).
 */
import * as E from 'fp-ts/lib/Either.js';
import { messageOfProxmoxText } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeUtf8 } from '../encoding/utf8.js';
import { type FsSnapshot, errnoMessage, readFile } from './fs-snapshot.js';

/** The architectures Proxmox can detect (the config's `arch` enum). */
export type Arch = 'amd64' | 'i386' | 'arm64' | 'armhf' | 'riscv32' | 'riscv64';

/** Why architecture detection failed (Proxmox then falls back to amd64). */
export type ArchFailureCode =
  /** The ELF file (or NixOS's `/sbin/init`) cannot be opened (`open '<path>' failed: <errno>`). */
  | 'OPEN_FAILED'
  /** Reading the ELF file fails or gives no bytes (`read failed: <errno>`), e.g. a directory. */
  | 'READ_FAILED'
  /** The file does not start with the ELF magic (`'<path>' does not resolve to an ELF!`). */
  | 'NOT_ELF'
  /** An ELF machine Proxmox does not know (`'<path>' has unknown ELF machine '<n>'!`). */
  | 'UNKNOWN_MACHINE'
  /** A RISC-V file whose class is neither 32- nor 64-bit (`'<path>' has invalid class '<n>'!`). */
  | 'INVALID_CLASS'
  /** NixOS: the first line of `/sbin/init` names no interpreter (`could not find a shell`). */
  | 'NO_SHELL';

/**
 * Why detection failed, a warning (detection falls back to amd64): `proxmoxText` is the exact text
 * Proxmox's helper dies with, `message` the same without its newline.
 */
export interface ArchDetectionFailure extends Diagnostic<ArchFailureCode> {
  readonly proxmoxText: string;
  /** Text printed on stderr by the helper process (Perl warnings first, then the error). */
  readonly stderr: readonly string[];
}

function archFailure(
  code: ArchFailureCode,
  text: string,
  warnings: readonly string[] = [],
): ArchDetectionFailure {
  return {
    code,
    severity: 'warning',
    message: messageOfProxmoxText(text),
    proxmoxText: text,
    stderr: [...warnings, text],
  };
}

/** A successful detection: the architecture and the line Proxmox prints on stdout. */
export interface ArchDetected {
  readonly arch: Arch;
  readonly stdout: readonly string[];
}

const ELF_MACHINES: ReadonlyMap<number, Arch | 'riscv'> = new Map([
  [0x03, 'i386'],
  [0x3e, 'amd64'],
  [0x28, 'armhf'],
  [0xb7, 'arm64'],
  [0xf3, 'riscv'],
]);

/** Perl's warnings for an undefined machine (file shorter than 19 bytes). */
export const UNDEFINED_MACHINE_WARNINGS: readonly string[] = [
  'Use of uninitialized value $machine in hash element at pve-container/src/PVE/LXC/Tools.pm line 196.\n',
  'Use of uninitialized value $machine in concatenation (.) or string at pve-container/src/PVE/LXC/Tools.pm line 197.\n',
];

/**
 * The C library's text for `$!` after a `read` that returned 0 bytes without an error. Proxmox
 * prints whatever errno was left over; on the reference system that was empty.
 */
export const EMPTY_READ_ERRNO_TEXT = '';

const fail = (
  code: ArchFailureCode,
  message: string,
  warnings: readonly string[] = [],
): E.Either<ArchDetectionFailure, ArchDetected> => E.left(archFailure(code, message, warnings));

/**
 * Interprets the first bytes of a file the way Proxmox's ELF check does. `path` (a container path)
 * only appears in messages. Pure: no file access.
 */
export function archFromElfHeader(
  path: string,
  bytes: Uint8Array,
): E.Either<ArchDetectionFailure, ArchDetected> {
  const data = bytes.subarray(0, 20);
  if (data.length === 0) return fail('READ_FAILED', `read failed: ${EMPTY_READ_ERRNO_TEXT}\n`);
  // `A4` strips trailing NUL/whitespace, which can never turn other bytes into "\x7fELF".
  const magicOk =
    data.length >= 4 &&
    data[0] === 0x7f &&
    data[1] === 0x45 &&
    data[2] === 0x4c &&
    data[3] === 0x46;
  if (!magicOk) return fail('NOT_ELF', `'${path}' does not resolve to an ELF!\n`);
  if (data.length < 19) {
    return fail(
      'UNKNOWN_MACHINE',
      `'${path}' has unknown ELF machine ''!\n`,
      UNDEFINED_MACHINE_WARNINGS,
    );
  }
  const machine = (data[17] as number) * 256 + (data[18] as number);
  const known = ELF_MACHINES.get(machine);
  if (known === undefined)
    return fail('UNKNOWN_MACHINE', `'${path}' has unknown ELF machine '${machine}'!\n`);
  let arch: Arch;
  if (known === 'riscv') {
    // A file of 4 bytes gives class '' but never reaches here (its machine is undefined).
    const elfClass = data[4] as number;
    if (elfClass === 1) arch = 'riscv32';
    else if (elfClass === 2) arch = 'riscv64';
    else return fail('INVALID_CLASS', `'${path}' has invalid class '${elfClass}'!\n`);
  } else arch = known;
  return E.right({ arch, stdout: [`Detected container architecture: ${arch}\n`] });
}

function openFailure(path: string, message: string): E.Either<ArchDetectionFailure, never> {
  const text = `open '${path}' failed: ${message}\n`;
  return E.left(archFailure('OPEN_FAILED', text));
}

/** Reads a container file for the ELF check; a directory opens fine but fails to read. */
function readForCheck(
  snapshot: FsSnapshot,
  path: string,
): E.Either<ArchDetectionFailure, Uint8Array> {
  const r = readFile(snapshot, path);
  if (E.isRight(r)) return r;
  if (r.left[0].code === 'EISDIR') {
    const text = `read failed: ${errnoMessage('EISDIR')}\n`;
    return E.left(archFailure('READ_FAILED', text));
  }
  return openFailure(path, errnoMessage(r.left[0].code));
}

/** Detects the architecture of the ELF file at a container path (`/bin/sh` for most plugins). */
export function detectElfArchitecture(
  snapshot: FsSnapshot,
  path: string,
): E.Either<ArchDetectionFailure, ArchDetected> {
  return E.chain((bytes: Uint8Array) => archFromElfHeader(path, bytes))(
    readForCheck(snapshot, path),
  );
}

const SHEBANG = /^#![ \t\n\r\f\v]*([^ \t\n\r\f\v]+)/;

/**
 * NixOS: `/sbin/init` is a script; the ELF checked is its interpreter (`#!/nix/store/…/bin/sh`
 * or `#! /nix/…`). No `#!` on the first line → `could not find a shell`.
 */
export function detectNixosArchitecture(
  snapshot: FsSnapshot,
): E.Either<ArchDetectionFailure, ArchDetected> {
  const init = '/sbin/init';
  const r = readFile(snapshot, init);
  if (E.isLeft(r) && r.left[0].code !== 'EISDIR')
    return openFailure(init, errnoMessage(r.left[0].code));
  const bytes = E.isRight(r) ? r.right : new Uint8Array();
  const newline = bytes.indexOf(0x0a);
  const firstLine = decodeUtf8(newline < 0 ? bytes : bytes.subarray(0, newline));
  const m = SHEBANG.exec(firstLine);
  if (!m) return fail('NO_SHELL', 'could not find a shell\n');
  return detectElfArchitecture(snapshot, m[1] as string);
}
