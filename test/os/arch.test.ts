import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  UNDEFINED_MACHINE_WARNINGS,
  archFromElfHeader,
  detectElfArchitecture,
  detectNixosArchitecture,
} from '../../src/os/arch.js';
import { fsSnapshot } from '../../src/os/fs-snapshot.js';

/** A 64-byte little-endian ELF header with the given class, e_type and e_machine. */
function elf(elfClass: number, eMachine: number, eType = 3, bigEndian = false): Uint8Array {
  const b = new Uint8Array(64);
  b.set([0x7f, 0x45, 0x4c, 0x46, elfClass, bigEndian ? 2 : 1, 1]);
  const put16 = (at: number, v: number): void => {
    b[at] = bigEndian ? v >> 8 : v & 0xff;
    b[at + 1] = bigEndian ? v & 0xff : v >> 8;
  };
  put16(16, eType);
  put16(18, eMachine);
  return b;
}

const outcome = (r: ReturnType<typeof archFromElfHeader>): string =>
  E.isRight(r) ? r.right.arch : r.left.stderr.join('');

describe('archFromElfHeader', () => {
  it.each([
    [1, 0x03, 'i386'],
    [2, 0x3e, 'amd64'],
    [1, 0x28, 'armhf'],
    [2, 0xb7, 'arm64'],
    [1, 0xf3, 'riscv32'],
    [2, 0xf3, 'riscv64'],
  ])('class %i machine %i → %s', (cls, machine, arch) => {
    const r = archFromElfHeader('/bin/sh', elf(cls, machine));
    expect(r).toEqual(E.right({ arch, stdout: [`Detected container architecture: ${arch}\n`] }));
  });

  it('rejects RISC-V with a class other than 1 or 2', () => {
    expect(outcome(archFromElfHeader('/bin/sh', elf(3, 0xf3)))).toBe(
      "'/bin/sh' has invalid class '3'!\n",
    );
    expect(outcome(archFromElfHeader('/bin/sh', elf(0, 0xf3)))).toBe(
      "'/bin/sh' has invalid class '0'!\n",
    );
  });

  it('reads the machine big-endian from bytes 17-18 (the reference quirk)', () => {
    expect(outcome(archFromElfHeader('/bin/sh', elf(2, 0x15, 2, true)))).toBe(
      "'/bin/sh' has unknown ELF machine '512'!\n",
    );
    expect(outcome(archFromElfHeader('/bin/sh', elf(2, 0x3e, 0xfe01)))).toBe(
      "'/bin/sh' has unknown ELF machine '65086'!\n",
    );
    expect(outcome(archFromElfHeader('/x', elf(2, 0x08, 2)))).toBe(
      "'/x' has unknown ELF machine '8'!\n",
    );
  });

  // Perl's unpack("A4CA12n") on 0..20 bytes of an amd64 header: a defined machine needs 19 bytes.
  it.each(Array.from({ length: 21 }, (_, n) => n))('a header cut to %i bytes', (n) => {
    const r = archFromElfHeader('/bin/sh', elf(2, 0x3e).subarray(0, n));
    if (n === 0) expect(outcome(r)).toBe('read failed: \n');
    else if (n < 4) expect(outcome(r)).toBe("'/bin/sh' does not resolve to an ELF!\n");
    else if (n < 19)
      expect(outcome(r)).toBe(
        [...UNDEFINED_MACHINE_WARNINGS, "'/bin/sh' has unknown ELF machine ''!\n"].join(''),
      );
    else expect(outcome(r)).toBe('amd64');
  });

  it('names the undefined machine with the exact Perl warnings', () => {
    const r = archFromElfHeader('/bin/sh', new Uint8Array([0x7f, 0x45, 0x4c, 0x46]));
    expect(E.isLeft(r) && r.left).toEqual({
      code: 'UNKNOWN_MACHINE',
      severity: 'warning',
      message: "'/bin/sh' has unknown ELF machine ''!",
      proxmoxText: "'/bin/sh' has unknown ELF machine ''!\n",
      stderr: [
        'Use of uninitialized value $machine in hash element at pve-container/src/PVE/LXC/Tools.pm line 196.\n',
        'Use of uninitialized value $machine in concatenation (.) or string at pve-container/src/PVE/LXC/Tools.pm line 197.\n',
        "'/bin/sh' has unknown ELF machine ''!\n",
      ],
    });
  });

  it('rejects scripts and wrong magic', () => {
    const script = new TextEncoder().encode('#!/bin/busybox sh\necho hi\n');
    expect(outcome(archFromElfHeader('/bin/sh', script))).toBe(
      "'/bin/sh' does not resolve to an ELF!\n",
    );
    const spaced = elf(2, 0x3e);
    spaced[3] = 0x20;
    expect(outcome(archFromElfHeader('/bin/sh', spaced))).toBe(
      "'/bin/sh' does not resolve to an ELF!\n",
    );
  });
});

describe('failure codes', () => {
  const riscv = elf(2, 0xf3);
  riscv[4] = 7;
  it.each([
    ['OPEN_FAILED', detectElfArchitecture(fsSnapshot({}), '/bin/sh')],
    ['READ_FAILED', detectElfArchitecture(fsSnapshot({ '/bin/sh': { dir: true } }), '/bin/sh')],
    ['NOT_ELF', archFromElfHeader('/bin/sh', new TextEncoder().encode('#!/bin/sh\n'))],
    ['UNKNOWN_MACHINE', archFromElfHeader('/bin/sh', elf(2, 0x99))],
    ['INVALID_CLASS', archFromElfHeader('/bin/sh', riscv)],
    ['NO_SHELL', detectNixosArchitecture(fsSnapshot({ '/sbin/init': '' }))],
  ] as const)('%s: a warning with Proxmox\'s text', (code, r) => {
    expect(E.isLeft(r) && [r.left.code, r.left.severity]).toEqual([code, 'warning']);
    expect(E.isLeft(r) && r.left.proxmoxText).toBe(`${E.isLeft(r) ? r.left.message : ''}\n`);
    expect(E.isLeft(r) && r.left.stderr.at(-1)).toBe(E.isLeft(r) && r.left.proxmoxText);
  });
});

describe('detectElfArchitecture', () => {
  it('follows links inside the container', () => {
    const s = fsSnapshot({
      '/usr/bin/dash': elf(2, 0xb7),
      '/bin': { symlink: 'usr/bin' },
      '/usr/bin/sh': { symlink: '/usr/bin/dash' },
    });
    expect(outcome(detectElfArchitecture(s, '/bin/sh'))).toBe('arm64');
  });

  it.each([
    [{}, "open '/bin/sh' failed: No such file or directory\n"],
    [
      { '/bin/sh': { symlink: '/nonexistent/sh' } },
      "open '/bin/sh' failed: No such file or directory\n",
    ],
    [
      { '/bin/sh': { symlink: 'sh' } },
      "open '/bin/sh' failed: Too many levels of symbolic links\n",
    ],
    [{ '/bin': 'a file' }, "open '/bin/sh' failed: Not a directory\n"],
    [{ '/bin/sh': { dir: true } }, 'read failed: Is a directory\n'],
  ] as const)('fails on %j', (files, message) => {
    const r = detectElfArchitecture(fsSnapshot(files), '/bin/sh');
    expect(E.isLeft(r) && r.left.stderr).toEqual([message]);
  });
});

describe('detectNixosArchitecture', () => {
  const sh = elf(2, 0x3e);
  it.each([
    ['#! /nix/store/a-bash/bin/bash\nexec x\n', '/nix/store/a-bash/bin/bash'],
    ['#!/nix/store/a-bash/bin/bash -e\n', '/nix/store/a-bash/bin/bash'],
    ['#!\t/nix/store/a-bash/bin/bash', '/nix/store/a-bash/bin/bash'],
  ])('takes the interpreter of %j', (init, shell) => {
    const s = fsSnapshot({ '/sbin/init': init, [shell]: sh });
    expect(outcome(detectNixosArchitecture(s))).toBe('amd64');
    const missing = fsSnapshot({ '/sbin/init': init });
    expect(outcome(detectNixosArchitecture(missing))).toBe(
      `open '${shell}' failed: No such file or directory\n`,
    );
  });

  it.each([
    [{ '/sbin/init': sh, '/bin/sh': sh }, 'could not find a shell\n'],
    [{ '/sbin/init': '' }, 'could not find a shell\n'],
    [{ '/sbin/init': 'exec\n#!/bin/sh\n' }, 'could not find a shell\n'],
    [{ '/bin/sh': sh }, "open '/sbin/init' failed: No such file or directory\n"],
  ] as const)('fails on %#', (files, message) => {
    expect(outcome(detectNixosArchitecture(fsSnapshot(files)))).toBe(message);
  });
});
