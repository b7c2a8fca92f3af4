/** The start plan as one value: each part as its own planner computes it, in Proxmox's order. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { fsSnapshot } from '../../src/os/fs-snapshot.js';
import { planStart } from '../../src/start/start-plan.js';
import { caseDir, configText, startInput } from '../support/start-plan-fixture.js';

describe('planStart', () => {
  it('gives the LXC config of the vector, the mounts, the detected OS and the pre-start setup', () => {
    const plan = planStart(startInput(configText));
    if (E.isLeft(plan)) throw new Error(plan.left.map((d) => d.message).join('\n'));
    expect(plan.right.lxcConfig.files?.config).toBe(
      readFileSync(join(caseDir, 'lxc.config'), 'utf8'),
    );
    expect(plan.right.mounts.mounts.map((m) => [m.key, m.source])).toEqual([
      ['rootfs', '/dev/pve/vm-100-disk-0'],
    ]);
    expect(plan.right.os).toEqual({ configured: 'debian', detected: 'debian', version: '12' });
    expect(plan.right.setup.operations.length).toBeGreaterThan(0);
    expect(plan.right.pending).toBeNull();
    // A plan is data: it survives JSON.
    expect(JSON.parse(JSON.stringify(plan.right)).os.detected).toBe('debian');
  });

  it("refuses a template and a locked container with Proxmox's messages", () => {
    const t = planStart(startInput(configText + 'template: 1\n'));
    expect(E.isLeft(t) && t.left[0].code).toBe('START_TEMPLATE');
    expect(E.isLeft(t) && t.left[0].proxmoxText).toBe("you can't start a CT if it's a template\n");
    const l = planStart(startInput(configText + 'lock: backup\n'));
    expect(E.isLeft(l) && l.left[0].code).toBe('START_LOCKED');
    expect(E.isLeft(l) && l.left[0].proxmoxText).toBe('CT is locked (backup)\n');
    expect(E.isRight(planStart(startInput(configText + 'lock: mounted\n')))).toBe(true);
  });

  it('applies pending changes first', () => {
    const plan = planStart(startInput(configText + '\n[pve:pending]\nmemory: 2048\n'));
    if (E.isLeft(plan)) throw new Error(plan.left.map((d) => d.message).join('\n'));
    expect(plan.right.pending?.config.main.values['memory']).toBe(2048);
    expect(plan.right.lxcConfig.files?.config).toContain('lxc.cgroup2.memory.max = 2147483648\n');
  });

  it('warns, and goes on with the detected OS, when ostype differs (A.3)', () => {
    const plan = planStart(startInput(configText.replace('ostype: debian', 'ostype: ubuntu')));
    if (E.isLeft(plan)) throw new Error(plan.left.map((d) => d.message).join('\n'));
    const mismatch = plan.right.diagnostics.filter((d) => d.code === 'START_OSTYPE_MISMATCH');
    expect(mismatch.map((d) => d.proxmoxText)).toEqual([
      'got unexpected ostype (debian != ubuntu)\n',
    ]);
    expect(plan.right.os).toMatchObject({ configured: 'ubuntu', detected: 'debian' });
  });

  it('fails where detection fails on the rootfs', () => {
    const empty = fsSnapshot({ '/etc/os-release': 'ID=plan9\n' });
    const plan = planStart(startInput(configText, empty));
    expect(E.isLeft(plan) && plan.left.at(-1)?.code).toBe('START_DETECTION_FAILED');
  });

  it("fails with the mount plan's refusals", () => {
    const plan = planStart(
      startInput(configText + 'mp0: local-lvm:vm-100-disk-1,mp=/data,quota=1\n'),
    );
    expect(E.isLeft(plan) && plan.left.map((d) => d.proxmoxText)).toContain(
      'Quotas are not supported by unprivileged containers.\n',
    );
  });
});
