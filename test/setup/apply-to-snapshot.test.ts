/** applyPlanToSnapshot's failures: each code, with the container path and the operation. */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { fsSnapshot } from '../../src/os/fs-snapshot.js';
import { applyPlanToSnapshot } from '../../src/setup/apply-to-snapshot.js';
import type { ApplyToSnapshotCode } from '../../src/setup/apply-to-snapshot.js';
import type { PlanOperation } from '../../src/setup/plan.js';

const write = (path: string): PlanOperation => ({
  op: 'write',
  path,
  content: 'x\n',
  mode: 0o644,
  reason: 'test',
});

describe('applyPlanToSnapshot failures are diagnostics', () => {
  const snap = fsSnapshot({
    '/etc/file': 'x\n',
    '/etc/dir': { dir: true },
    '/loop': { symlink: '/loop' },
  });
  const cases: [ApplyToSnapshotCode, PlanOperation][] = [
    ['ENOENT', write('/missing/dir/file')],
    ['ENOTDIR', write('/etc/file/below/x')],
    ['ELOOP', write('/loop/x')],
    ['EISDIR', write('/etc/dir')],
    [
      'NO_KEY_GENERATOR',
      { op: 'ssh-host-key', path: '/etc/dir/key', keyType: 'rsa', comment: 'c', reason: 'k' },
    ],
  ];
  for (const [code, op] of cases)
    it(code, () => {
      const r = applyPlanToSnapshot(snap, [op]);
      if (E.isRight(r)) throw new Error('expected a failure');
      expect(r.left[0]).toMatchObject({ code, severity: 'error', operation: op });
      expect(typeof r.left[0].path).toBe('string');
    });
});
