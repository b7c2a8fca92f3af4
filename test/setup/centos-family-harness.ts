/**
 * Test support for the CentOS-family/SUSE/Arch/Gentoo plugin tests: plans one hook for a small
 * in-memory rootfs through planSetup and applies the plan, returning the resulting tree.
 */
import * as E from 'fp-ts/lib/Either.js';
import { type ConfigSection, type ConfigValue } from '../../src/config/model.js';
import { decodeUtf8 } from '../../src/encoding/utf8.js';
import {
  type FsEntryInput,
  type FsSnapshot,
  fsSnapshot,
  lstatPath,
  readFile,
} from '../../src/os/fs-snapshot.js';
import { drand48 } from '../../src/random/drand48.js';
import { applyPlanToSnapshot } from '../../src/setup/apply-to-snapshot.js';
import type { PlanOperation } from '../../src/setup/plan.js';
import { type SetupHook, planSetup } from '../../src/setup/plan-setup.js';
import type { SetupError } from '../../src/setup/setup-error.js';

export interface HookRun {
  readonly operations: readonly PlanOperation[];
  readonly result: FsSnapshot;
  /** Text of a file in the result (links followed), undefined when absent. */
  readonly read: (path: string) => string | undefined;
  /** Target of a symlink in the result, undefined when the path is not a link. */
  readonly link: (path: string) => string | undefined;
}

export interface HookInput {
  readonly type: string;
  readonly version?: string;
  readonly id?: string;
  readonly files: Readonly<Record<string, FsEntryInput>>;
  readonly config: Readonly<Record<string, ConfigValue>>;
  readonly hook?: SetupHook;
  readonly uuid?: string;
}

function section(values: Readonly<Record<string, ConfigValue>>): ConfigSection {
  const v = Object.create(null) as Record<string, ConfigValue>;
  Object.assign(v, values);
  return { values: v, lxc: [] };
}

/** Plans and applies a hook; Left is the planning failure. */
export function runHook(input: HookInput): E.Either<SetupError, HookRun> {
  const snapshot = fsSnapshot(input.files);
  const plan = planSetup({
    snapshot,
    config: section(input.config),
    os: {
      type: input.type,
      ...(input.version !== undefined ? { version: input.version } : {}),
      ...(input.id !== undefined ? { osRelease: new Map([['ID', input.id]]) } : {}),
    },
    hook: input.hook ?? 'post-create',
    now: 1_700_000_000,
    random: drand48(0),
    uuid: () => input.uuid ?? 'UUID',
    hostDns: { nameservers: ['192.0.2.53'], searchdomains: ['example.org'] },
  });
  if (E.isLeft(plan)) return E.left(plan.left[0]);
  const applied = applyPlanToSnapshot(snapshot, plan.right.operations);
  if (E.isLeft(applied))
    throw new Error(`apply failed: ${applied.left[0].message} (${applied.left[0].path})`);
  const result = applied.right;
  return E.right({
    operations: plan.right.operations,
    result,
    read: (path) => {
      const r = readFile(result, path);
      return E.isRight(r) ? decodeUtf8(r.right) : undefined;
    },
    link: (path) => {
      const e = lstatPath(result, path);
      return e?.kind === 'symlink' ? e.target : undefined;
    },
  });
}

/** Like {@link runHook} but fails the test on a planning failure. */
export function run(input: HookInput): HookRun {
  const r = runHook(input);
  if (E.isLeft(r)) throw new Error(`planning failed: ${r.left.code}: ${r.left.message}`);
  return r.right;
}

/** A stock securetty (no final LF, like the upstream fixtures). */
export const SECURETTY = 'console\ntty1\ntty2';

/** The container-getty template of a systemd image. */
export const CONTAINER_GETTY =
  '[Service]\nExecStart=-/sbin/agetty --noclear --keep-baud pts/%I 115200 $TERM\n';
