/** The codes of createConfig and planPostCreate that create-plan.test.ts does not reach. */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createConfig, planCreate, planPostCreate } from '../../src/create/index.js';
import type { CreatePlan } from '../../src/create/index.js';
import type { FsSnapshot } from '../../src/os/fs-snapshot.js';
import { drand48 } from '../../src/random/drand48.js';
import { debianTree } from '../support/debian-tree.js';

const host = () => ({ random: drand48(1) });

function codesOf(options: Record<string, string>, extra: object = {}): string[] {
  const r = createConfig({ vmid: 100, template: 't.tar', options }, { ...host(), ...extra });
  return E.isLeft(r) ? r.left.map((d) => d.code) : r.right.diagnostics.map((d) => d.code);
}

function postCodes(
  options: Record<string, string>,
  snapshot: FsSnapshot,
  edit: (plan: CreatePlan) => CreatePlan = (plan) => plan,
): string[] {
  const p = planCreate({ vmid: 100, template: 'local:vztmpl/d.tar.zst', options }, host());
  if (E.isLeft(p)) throw new Error(JSON.stringify(p.left));
  const r = planPostCreate(edit(p.right), {
    snapshot,
    now: 0,
    random: drand48(0),
    uuid: () => 'u',
    hostDns: { nameservers: [], searchdomains: [] },
    sshHostKeys: false,
  });
  return E.isLeft(r) ? r.left.map((d) => d.code) : r.right.diagnostics.map((d) => d.code);
}

describe('createConfig codes', () => {
  it('a disabled storage', () => {
    const storages = { off: { type: 'dir', content: ['rootdir'], disabled: true } };
    expect(codesOf({ rootfs: 'off:1' }, { storages })).toEqual(['CREATE_STORAGE_DISABLED']);
  });
  it('a volume that does not parse', () => {
    expect(codesOf({ rootfs: 'local:1,nosuchoption=1' })).toContain('CREATE_INVALID_VOLUME');
  });
});

describe('planPostCreate codes', () => {
  it('a setup warning is passed on', () => {
    expect(postCodes({ timezone: 'Europe/Nowhere' }, debianTree())).toContain(
      'CREATE_SETUP_WARNING',
    );
  });
  it('a setup warning claims no Proxmox text (the planner records none)', () => {
    const p = planCreate(
      { vmid: 100, template: 'local:vztmpl/d.tar.zst', options: { timezone: 'Europe/Nowhere' } },
      host(),
    );
    if (E.isLeft(p)) throw new Error(JSON.stringify(p.left));
    const r = planPostCreate(p.right, {
      snapshot: debianTree(),
      now: 0,
      random: drand48(0),
      uuid: () => 'u',
      hostDns: { nameservers: [], searchdomains: [] },
      sshHostKeys: false,
    });
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
    const warning = r.right.diagnostics.find((d) => d.code === 'CREATE_SETUP_WARNING');
    expect(warning?.message).toMatch(/timezone can not be modified$/);
    expect(warning?.proxmoxText).toBeUndefined();
  });
  it('a failing setup step fails the create', () => {
    expect(postCodes({}, debianTree({ '/etc/hostname': { dir: true } }))).toContain(
      'CREATE_SETUP_FAILED',
    );
  });
  it('a plan whose config cannot be written (a hand-made value with a line feed)', () => {
    const edit = (plan: CreatePlan): CreatePlan => ({
      ...plan,
      config: {
        ...plan.config,
        main: { ...plan.config.main, values: { ...plan.config.main.values, tags: 'a\nb' } },
      },
    });
    expect(postCodes({}, debianTree(), edit)).toEqual(['CREATE_CONFIG_WRITE_FAILED']);
  });
});
