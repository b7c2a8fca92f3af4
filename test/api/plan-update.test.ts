import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyApiUpdate,
  getConfigData,
  planApiUpdate,
  planIsEmpty,
  planParams,
  proxmoxErrorText,
  sameValue,
} from '../../src/api/index.js';
import type { ApiConfigData, ApiValue } from '../../src/api/index.js';
import { validConfigText } from '../../src/testing/index.js';

const view = (text: string): ApiConfigData => {
  const r = getConfigData(text, {});
  if (E.isLeft(r)) throw new Error(proxmoxErrorText(r.left));
  return r.right;
};

/** Keys the plan never sends (the API's bookkeeping), plus `lxc` (reported as a conflict). */
const NOT_COMPARED = new Set([
  'digest',
  'lxc',
  'lock',
  'parent',
  'snaptime',
  'snapstate',
  'template',
  'unprivileged',
]);

const withoutHwaddr = (value: ApiValue): string => String(value).replace(/(^|,)hwaddr=[^,]*/, '');

/**
 * The documented normalisations (docs/api-interop.md): values compared with `sameValue`; a NIC
 * B gives without `hwaddr` keeps A's (or gets a generated one); volumes displaced by a change
 * or a delete stay as `unusedN`; keys a conflict names are left as they were.
 */
function differences(
  after: ApiConfigData,
  desired: ApiConfigData,
  skip: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(after), ...Object.keys(desired)])) {
    if (NOT_COMPARED.has(key) || skip.has(key)) continue;
    // A description of only line feeds is not stored (see has() in plan-update.ts).
    const unset = (v: ApiValue | undefined): ApiValue | undefined =>
      key === 'description' && /^\n*$/.test(String(v)) ? undefined : v;
    const a = unset(after[key]);
    const b = unset(desired[key]);
    if (b === undefined) {
      if (a !== undefined && !/^unused\d+$/.test(key)) out.push(`${key}: still set`);
      continue;
    }
    if (a === undefined) {
      out.push(`${key}: missing`);
      continue;
    }
    if (/^net\d+$/.test(key) && !/(^|,)hwaddr=/.test(String(b))) {
      if (!sameValue(key, withoutHwaddr(a), withoutHwaddr(b)))
        out.push(`${key}: ${String(a)} != ${String(b)}`);
    } else if (!sameValue(key, a, b))
      out.push(`${key}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`);
  }
  return out;
}

const host = { macAddress: () => 'BC:24:11:00:00:01' };

describe('planApiUpdate', () => {
  it('an unchanged pair gives no params, deletes or reverts', () => {
    fc.assert(
      fc.property(validConfigText(), (a) => {
        const plan = planApiUpdate(a, a);
        expect(planIsEmpty(plan)).toBe(true);
        expect(plan.conflicts).toEqual([]);
        expect(planIsEmpty(planApiUpdate(view(a), view(a)))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('applying plan(A, B) to A gives B’s GET view (modulo the documented normalisations)', () => {
    fc.assert(
      fc.property(validConfigText(), validConfigText(), (a, b) => {
        const plan = planApiUpdate(a, b);
        const skip = new Set(plan.conflicts.map((c) => c.path ?? ''));
        const desired = view(b);
        if (planIsEmpty(plan)) {
          expect(differences(view(a), desired, skip)).toEqual([]);
          return;
        }
        const result = applyApiUpdate(a, { ...planParams(plan), skiplock: 1 }, host);
        if (plan.conflicts.some((c) => c.code === 'PLAN_PROTECTED')) {
          expect(E.isLeft(result) && proxmoxErrorText(result.left)).toMatch(
            /protection mode enabled/,
          );
          return;
        }
        if (E.isLeft(result))
          throw new Error(
            `PUT failed: ${proxmoxErrorText(result.left)}\nA:\n${a}\nB:\n${b}\nplan: ${JSON.stringify(plan)}`,
          );
        expect(differences(view(result.right.text), desired, skip)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('sends the digest and keeps the existing hwaddr', () => {
    const a =
      'memory: 512\nnet0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:AA:BB:CC,ip=dhcp,type=veth\n';
    const b = 'memory: 1024\nnet0: name=eth0,bridge=vmbr1,ip=dhcp\n';
    const plan = planApiUpdate(a, b);
    expect(plan.params).toEqual({
      memory: '1024',
      net0: 'name=eth0,bridge=vmbr1,hwaddr=BC:24:11:AA:BB:CC,ip=dhcp',
    });
    expect(plan.digest).toBe(view(a)['digest']);
  });

  it('ignores size= on volumes and type=veth, compares description modulo trailing newline', () => {
    const a =
      '#hello\nrootfs: local-lvm:vm-1-disk-0,size=8G\nnet0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:AA:BB:CC,type=veth\ncpulimit: 0.50\n';
    const b = {
      description: 'hello',
      rootfs: 'local-lvm:vm-1-disk-0',
      net0: 'name=eth0,bridge=vmbr0,hwaddr=BC:24:11:AA:BB:CC',
      cpulimit: 0.5,
    };
    expect(planIsEmpty(planApiUpdate(a, b))).toBe(true);
  });

  it('never sends <storage>:<size> for a key that holds a volume', () => {
    const plan = planApiUpdate(
      'mp0: local-lvm:vm-1-disk-1,mp=/data,size=8G\n',
      'mp0: local-lvm:16,mp=/srv\n',
    );
    expect(plan.params).toEqual({ mp0: 'local-lvm:vm-1-disk-1,mp=/srv' });
    expect(plan.conflicts.map((c) => c.code)).toEqual(['PLAN_NEW_DISK_ON_VOLUME']);
  });

  it('reverts a pending change when B wants the current value, and a pending-only key B drops', () => {
    const a = 'memory: 512\n\n[pve:pending]\nmemory: 1024\nonboot: 1\n';
    const plan = planApiUpdate(a, 'memory: 512\n');
    expect(plan.revert).toEqual(['memory', 'onboot']);
    expect(plan.params).toEqual({});
  });

  it('reports what the API cannot do as conflicts', () => {
    const a =
      'memory: 512\nostype: debian\nrootfs: local-lvm:vm-1-disk-0\nunprivileged: 1\nlock: backup\nprotection: 1\nmp0: local-lvm:vm-1-disk-1,mp=/a\nfoo: bar\nlxc.apparmor.profile: unconfined\n';
    const b =
      'unprivileged: 0\ncores: 0\nfoo: baz\nmp0: local-lvm:vm-1-disk-1,mp=/b\nhostname: x\n';
    const codes = planApiUpdate(a, b)
      .conflicts.map((c) => `${c.code} ${c.path ?? ''}`)
      .sort();
    expect(codes).toEqual([
      'PLAN_INVALID_VALUE cores',
      'PLAN_LOCKED lock',
      'PLAN_LXC_DIFFERS lxc',
      'PLAN_NOT_SETTABLE foo',
      'PLAN_PROTECTED mp0',
      'PLAN_READ_ONLY_KEY unprivileged',
      'PLAN_UNDELETABLE_KEY memory',
      'PLAN_UNDELETABLE_KEY ostype',
      'PLAN_UNDELETABLE_KEY rootfs',
    ]);
    // Each code also as a whole string (the diagnostics catalogue test looks for them so).
    const only = new Set(codes.map((c) => c.split(' ')[0]));
    for (const code of [
      'PLAN_INVALID_VALUE',
      'PLAN_LOCKED',
      'PLAN_LXC_DIFFERS',
      'PLAN_NOT_SETTABLE',
      'PLAN_READ_ONLY_KEY',
      'PLAN_UNDELETABLE_KEY',
    ])
      expect(only.has(code)).toBe(true);
  });

  it("reports pct's net check (host-managed SLAAC) as an invalid value, and sends a valid net", () => {
    const a = 'memory: 512\nostype: debian\nrootfs: local-lvm:vm-1-disk-0\n';
    const bad = `${a}net0: name=eth0,bridge=vmbr0,host-managed=1,ip6=auto\n`;
    const plan = planApiUpdate(a, bad);
    expect(plan.params).toEqual({});
    expect(plan.conflicts.map((c) => `${c.code} ${c.path ?? ''}: ${c.message}`)).toEqual([
      'PLAN_INVALID_VALUE net0: net0: ip6=auto (SLAAC) is not possible with host-managed=1 unless link_down=1',
    ]);
    const good = `${a}net0: name=eth0,bridge=vmbr0,host-managed=1,ip6=auto,link_down=1\n`;
    expect(planApiUpdate(a, good).params).toEqual({
      net0: 'name=eth0,bridge=vmbr0,host-managed=1,ip6=auto,link_down=1',
    });
  });

  it('reverts, then deletes in a second request, a key with a current and a pending value', () => {
    const a = 'memory: 512\nswap: 512\n\n[pve:pending]\nswap: 1024\n';
    const first = planApiUpdate(a, 'memory: 512\n');
    expect([first.revert, first.delete, first.conflicts.map((c) => c.code)]).toEqual([
      ['swap'],
      [],
      ['PLAN_NEEDS_SECOND_REQUEST'],
    ]);
    const after = applyApiUpdate(a, planParams(first));
    if (E.isLeft(after)) throw new Error(proxmoxErrorText(after.left));
    const second = planApiUpdate(after.right.text, 'memory: 512\n');
    expect([second.revert, second.delete, second.conflicts]).toEqual([[], ['swap'], []]);
  });

  it('lists the changes a running CT keeps pending', () => {
    const plan = planApiUpdate(
      'memory: 512\narch: amd64\n',
      'memory: 1024\narch: i386\nhostname: h\n',
      { running: true },
    );
    expect(plan.pendingUntilRestart).toEqual(['arch']);
  });
});
