/**
 * What applying a plan to a rootfs reports: one outcome per operation, what changed, the diffs (in
 * a dry run), progress events and the options of the apply. Data only, plus the lazy diff report.
 */
import type { PlanOperation } from '../setup/plan.js';
import { unifiedDiff } from '../text/unified-diff.js';
import type { EffectsError } from './effects-error.js';
import type { SshKeygenOptions, HostKeyGenerator } from './ssh-host-keys.js';
import type { FsSnapshot } from '../os/fs-snapshot.js';

/** What an operation changed (or, in a dry run, would change). */
export type ChangeKind =
  /** Something new was created where nothing was. */
  | 'created'
  /** A file's content. */
  | 'content'
  /** Permission bits. */
  | 'mode'
  /** Owner or group. */
  | 'owner'
  /** Another kind of entry (e.g. a symlink) was replaced by this one. */
  | 'type'
  /** A symlink's target. */
  | 'target'
  /** The entry was removed. */
  | 'removed';

/** The result of one operation. */
export interface OperationOutcome {
  /** Index of the operation in the plan. */
  readonly index: number;
  readonly operation: PlanOperation;
  /** The link-free container path acted on (may differ from `operation.path` through links). */
  readonly path: string;
  readonly status: 'changed' | 'unchanged' | 'skipped';
  /** What changed (empty unless `status` is `changed`). */
  readonly changes: readonly ChangeKind[];
  /** Why it was skipped or left alone, or extra detail (e.g. `ignored: /etc/.pve-ignore.hosts`). */
  readonly note?: string;
}

/** Builds an operation's outcome (bound to the operation by the caller). */
export type OutcomeOf = (
  path: string,
  status: OperationOutcome['status'],
  changes?: ChangeKind[],
  note?: string,
) => OperationOutcome;

/** The unified diff of one file. */
export interface FileDiff {
  readonly path: string;
  readonly diff: string;
}

/** What an apply (or a dry run) did. */
export interface ApplyReport {
  readonly dryRun: boolean;
  /** One outcome per operation applied, in plan order. */
  readonly outcomes: readonly OperationOutcome[];
  /** The outcomes whose status is `changed`. */
  readonly changed: readonly OperationOutcome[];
  /**
   * Per file, the unified diff from before the plan to after it (text files changed or removed);
   * empty for a real apply unless `recordDiffs` was set.
   */
  readonly diffs: readonly FileDiff[];
  /** All of `diffs`, concatenated. */
  readonly diff: string;
  /** Mutating system calls made (0 for a dry run). */
  readonly mutations: number;
}

/** Why an apply stopped, with what was done before. */
export interface ApplyFailure extends EffectsError {
  readonly report: ApplyReport;
}

/** A progress event, sent after each operation. */
export interface ApplyProgress {
  /** 1-based number of operations done. */
  readonly done: number;
  readonly total: number;
  readonly outcome: OperationOutcome;
}

/** What to do with an `ssh-host-key` operation whose key pair already exists. */
export type HostKeyPolicy =
  /** Always generate a fresh pair (Proxmox's behaviour; a template's keys are never kept). */
  | 'replace'
  /** Keep an existing, matching pair with the right modes and owner; generate otherwise. */
  | 'keep-existing';

/** Options of {@link applyPlanToRootfs}. */
export interface ApplyPlanOptions extends SshKeygenOptions {
  /** Resolve and compare only, write nothing, return the diffs. */
  readonly dryRun?: boolean;
  /**
   * Keep each changed file's old and new bytes so that the report's `diffs` can be computed
   * (default: only for a dry run; a real apply of a 20 MB file need not hold two more copies).
   * Without it a real apply's report has no diffs.
   */
  readonly recordDiffs?: boolean;
  /** The snapshot the plan was made from; directory components that changed since are refused. */
  readonly snapshot?: FsSnapshot;
  /** Called after each operation. */
  readonly onProgress?: (progress: ApplyProgress) => void;
  /** See {@link HostKeyPolicy}; default `replace`. */
  readonly hostKeys?: HostKeyPolicy;
  /** Makes host key pairs (default: the host's `ssh-keygen`, see `sshKeygen`). */
  readonly generateHostKey?: HostKeyGenerator;
  /**
   * Tests only: let this many mutating system calls happen, then fail as if the process had died
   * there (no cleanup). The result is an INJECTED_FAILURE error value.
   */
  readonly failAfter?: number;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** A file's bytes as text for a diff (invalid UTF-8 shows as U+FFFD: diffs are for reading). */
export const diffText = (bytes: Uint8Array | undefined): string =>
  bytes === undefined ? '' : decoder.decode(bytes);

/** The state of one file before the plan, and its planned state, for the diffs. */
export interface FileHistory {
  readonly before: Uint8Array | undefined;
  after: Uint8Array | undefined;
}

/**
 * The report with `diffs` and `diff` computed on first access: a real apply usually never looks
 * at them, and diffing a 20 MB file that gained one line costs more than the apply itself.
 */
export function lazyDiffReport(
  base: Omit<ApplyReport, 'diffs' | 'diff'>,
  history: readonly (readonly [string, FileHistory])[],
): ApplyReport {
  let diffs: FileDiff[] | undefined;
  const compute = (): FileDiff[] => {
    if (diffs !== undefined) return diffs;
    diffs = [];
    for (const [path, h] of history) {
      const diff = unifiedDiff(
        diffText(h.before),
        diffText(h.after),
        h.before === undefined ? '/dev/null' : `a${path}`,
        h.after === undefined ? '/dev/null' : `b${path}`,
      );
      if (diff !== '') diffs.push({ path, diff });
    }
    return diffs;
  };
  return Object.defineProperties(
    { ...base },
    {
      diffs: { get: compute, enumerable: true },
      diff: {
        get: () =>
          compute()
            .map((d) => d.diff)
            .join(''),
        enumerable: true,
      },
    },
  ) as ApplyReport;
}
