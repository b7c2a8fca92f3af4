/**
 * Applies a setup plan to a real container rootfs ({@link applyPlanToRootfs}), or with `dryRun`
 * computes what it would change: opens the rootfs, runs each operation through the
 * {@link Applier} in plan order, reports progress, and stops at the first failure with the report
 * of what was done before it.
 *
 * Idempotent: what already has the planned content, mode and owner is not rewritten, and applying
 * the same plan twice reports nothing changed the second time. Failures are values naming the path
 * and the reason.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PlanOperation } from '../setup/plan.js';
import type {
  ApplyFailure,
  ApplyPlanOptions,
  ApplyReport,
  OperationOutcome,
} from './apply-report.js';
import { type DirHandle, closeDir, openRoot } from './dir-fd.js';
import {
  type EffectsError,
  EffectsFailure,
  effectsError,
  toEffectsError,
} from './effects-error.js';
import { InjectedFailure } from './mutation-steps.js';
import { checkRootfs } from './read-rootfs.js';
import { Applier } from './rootfs-applier.js';

/**
 * Applies `plan` to the rootfs directory `rootfs` (or, with `dryRun`, computes what it would do).
 * Returns the report, or (as a one-element Result failure) the first failure with the report of
 * what was done before it. Nothing is thrown.
 */
export function applyPlanToRootfs(
  rootfs: string,
  plan: readonly PlanOperation[],
  options: ApplyPlanOptions = {},
): E.Either<readonly [ApplyFailure], ApplyReport> {
  const empty = (): ApplyReport => ({
    dryRun: options.dryRun === true,
    outcomes: [],
    changed: [],
    diffs: [],
    diff: '',
    mutations: 0,
  });
  const checked = checkRootfs(rootfs);
  if (E.isLeft(checked)) return E.left([{ ...checked.left[0], report: empty() }]);
  let root: DirHandle;
  try {
    root = openRoot(checked.right);
  } catch (e) {
    return E.left([{ ...toEffectsError(e, '/', 'cannot open rootfs'), report: empty() }]);
  }
  const applier = new Applier(root, options);
  try {
    for (const [index, op] of plan.entries()) {
      let result: OperationOutcome;
      try {
        result = applier.apply(index, op);
      } catch (e) {
        const doing = `cannot ${op.op === 'ssh-host-key' ? 'write ssh host key' : op.op}`;
        let base: EffectsError =
          e instanceof InjectedFailure
            ? effectsError('INJECTED_FAILURE', op.path, e.message)
            : toEffectsError(e, op.path, doing);
        if (!base.message.includes(op.path))
          base = { ...base, message: `${doing} ${op.path}: ${base.message}` };
        else if (e instanceof EffectsFailure && base.message.startsWith('/')) {
          base = { ...base, message: `${doing} ${op.path}: ${base.message}` };
        }
        return E.left([
          { ...base, operationIndex: index, operation: op, report: applier.report() },
        ]);
      }
      applier.outcomes.push(result);
      try {
        options.onProgress?.({ done: index + 1, total: plan.length, outcome: result });
      } catch {
        /* a failing progress callback does not stop the apply */
      }
    }
    return E.right(applier.report());
  } finally {
    closeDir(root);
  }
}
