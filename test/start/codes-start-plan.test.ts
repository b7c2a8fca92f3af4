/** The codes of planStart's own diagnostics that start-plan.test.ts does not reach. */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { FsEntry, FsSnapshot } from '../../src/os/fs-snapshot.js';
import { proxmoxTextOf } from '../../src/diagnostics/index.js';
import { planStart } from '../../src/start/start-plan.js';
import { configText, debianRootfs, startInput } from '../support/start-plan-fixture.js';

const codes = (text: string, snapshot?: FsSnapshot): string[] => {
  const plan = planStart(startInput(text, snapshot));
  return E.isLeft(plan) ? plan.left.map((d) => d.code) : plan.right.diagnostics.map((d) => d.code);
};

describe('planStart codes', () => {
  it('a pending change that cannot be applied stays pending, with a warning', () => {
    expect(codes(configText + '\n[pve:pending]\nnet3: name=eth3,bridge=vmbr0\n')).toContain(
      'START_PENDING_NOT_APPLIED',
    );
  });

  it('a setup warning is passed on', () => {
    expect(codes(configText + 'timezone: Europe/Nowhere\n')).toContain('START_SETUP_WARNING');
  });

  it('a setup warning claims no Proxmox text, and prints as its message and a line feed', () => {
    const plan = planStart(startInput(configText + 'timezone: Europe/Nowhere\n'));
    if (E.isLeft(plan)) throw new Error(plan.left[0]?.message);
    const warning = plan.right.diagnostics.find((d) => d.code === 'START_SETUP_WARNING');
    expect(warning).toMatchObject({
      message:
        'container does not have /usr/share/zoneinfo/Europe/Nowhere, timezone can not be modified',
      path: 'setup',
    });
    expect(warning?.proxmoxText).toBeUndefined();
    // Two of them do not run together.
    expect(proxmoxTextOf([warning!, warning!])).toBe(`${warning?.message}\n${warning?.message}\n`);
  });

  it('a failing setup step fails the start', () => {
    const dir: FsEntry = { kind: 'dir', mode: 0o755, uid: 0, gid: 0 };
    expect(codes(configText, debianRootfs([['/etc/hostname', dir]]))).toContain(
      'START_SETUP_FAILED',
    );
  });
});
