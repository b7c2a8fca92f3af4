/**
 * `pct create` as data, in the two halves that frame the extraction (spec B.1, B.2, B.4):
 *
 * - {@link planCreate}: before anything is written — the template's compression from its name, the
 *   config built from the parameters (create-config.ts) and the extraction plan (what GNU tar would
 *   be told: id map, exclusions, skip-old-files, the error policy).
 * - {@link planPostCreate}: after the template is extracted — detection on a snapshot of the new
 *   rootfs (`ostype` from the tree, overriding the given one with Proxmox's warning; `arch` from
 *   `/bin/sh`'s ELF header when not given), the post-create setup plan, then the defaults Proxmox
 *   applies after setup (`hostname CT<vmid>`, `memory 512`, `swap 512`) and the config text from the
 *   canonical writer.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigValue, PctConfig } from '../config/model.js';
import { writeConfig } from '../config/writer.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import {
  errorDiagnostic,
  messageOfProxmoxText,
  proxmoxDiagnostic,
  warningDiagnostic,
  withCode,
} from '../diagnostics/diagnostic.js';
import { fail, ok, type Result } from '../diagnostics/result.js';
import { type Detection, detectOs } from '../os/detect.js';
import type { FsSnapshot } from '../os/fs-snapshot.js';
import type { RandomSource } from '../random/random-source.js';
import { type SetupPlan, planSetup } from '../setup/plan-setup.js';
import type { HostDns } from '../setup/setup-settings.js';
import {
  type CreateConfig,
  type CreateConfigCode,
  type CreateHost,
  type CreateRequest,
  createConfig,
} from './create-config.js';
import { type IdMap, usernsexecArgs } from './id-map.js';
import {
  TAR_COMPRESSION_OPTION,
  type TemplateCompression,
  type TemplateNameCode,
  templateCompression,
} from './template-name.js';

/** Codes of the create planner. */
export type CreatePlanCode =
  | CreateConfigCode
  | TemplateNameCode
  /** OS detection of the extracted template fails (e.g. `unable to detect OS distribution`); Proxmox's text as proxmoxText. */
  | 'CREATE_DETECTION_FAILED'
  /** The given `ostype` differs from the detected one and is replaced: `got unexpected ostype (<given> != <detected>)`. */
  | 'CREATE_OSTYPE_OVERRIDDEN'
  /** Any other line OS detection prints (a warning), with Proxmox's text. */
  | 'CREATE_DETECTION_WARNING'
  /** The in-container setup step (hostname, network, …) fails; its first error as proxmoxText. */
  | 'CREATE_SETUP_FAILED'
  /** A warning of the in-container setup step (the planner's warning, e.g. a missing time zone file). */
  | 'CREATE_SETUP_WARNING'
  /** The planned configuration cannot be written as a `pct.conf` text (a value that cannot be written). */
  | 'CREATE_CONFIG_WRITE_FAILED';

/** What the extractor must do (the offline counterpart of Proxmox's tar command line). */
export interface ExtractionPlan {
  /** The template path or volume id as given. */
  readonly archive: string;
  readonly compression: TemplateCompression;
  /** uid/gid map applied to every member's owner (empty: privileged, ids kept). */
  readonly idMap: IdMap;
  /** Members excluded by name (Proxmox: `--anchored --exclude ./dev/*`; pctkit also `dev/*`). */
  readonly exclude: readonly string[];
  /** Existing files are kept (`--skip-old-files`). */
  readonly skipOldFiles: true;
  /** Member errors are reported but do not fail the create (`ignore-unpack-errors`). */
  readonly ignoreUnpackErrors: boolean;
  /** Where each volume is mounted (files under a mount path land on that volume). */
  readonly mounts: readonly { readonly path: string; readonly volid: string }[];
  /** The GNU tar command Proxmox would run for the same extraction (for comparison and dry runs). */
  readonly proxmoxCommand: readonly string[];
}

/** The first half of a create. */
export interface CreatePlan extends CreateConfig {
  readonly template: string;
  readonly extraction: ExtractionPlan;
}

/** Proxmox's tar command for a rootfs directory (B.2), argv form. */
export function proxmoxTarCommand(
  compression: TemplateCompression,
  idMap: IdMap,
  rootfs: string,
): string[] {
  const userns =
    idMap.length > 0
      ? ['lxc-usernsexec', ...usernsexecArgs(idMap).flatMap((m) => ['-m', m]), '--']
      : [];
  const opt = TAR_COMPRESSION_OPTION[compression];
  return [
    ...userns,
    'tar',
    'xpf',
    '-',
    ...(opt === '' ? [] : [opt]),
    '--totals',
    '--one-file-system',
    '-p',
    '--sparse',
    '--numeric-owner',
    '--acls',
    '--xattrs',
    '--xattrs-include=user.*',
    '--xattrs-include=security.capability',
    '--warning=no-file-ignored',
    '--warning=no-xattr-write',
    '-C',
    rootfs,
    '--skip-old-files',
    '--anchored',
    '--exclude',
    './dev/*',
  ];
}

/** Plans a create up to the extraction: compression, config, volumes, id map, extraction plan. */
export function planCreate(
  request: CreateRequest,
  host: CreateHost,
): Result<CreatePlan, CreatePlanCode> {
  const compression = templateCompression(request.template);
  const built = createConfig(request, host);
  if (E.isLeft(compression) || E.isLeft(built)) {
    const all: Diagnostic<CreatePlanCode>[] = [
      ...(E.isLeft(compression) ? compression.left : []),
      ...(E.isLeft(built) ? built.left : []),
    ];
    return fail(...(all as [Diagnostic<CreatePlanCode>, ...Diagnostic<CreatePlanCode>[]]));
  }
  const c = built.right;
  const rootfs = `/var/lib/lxc/${c.vmid}/rootfs`;
  return ok({
    ...c,
    template: request.template,
    extraction: {
      archive: request.template,
      compression: compression.right,
      idMap: c.idMap,
      exclude: ['./dev/*', 'dev/*'],
      skipOldFiles: true,
      ignoreUnpackErrors: c.ignoreUnpackErrors,
      mounts: c.volumes.map((v) => ({ path: v.mountPath, volid: v.volid })),
      proxmoxCommand: proxmoxTarCommand(compression.right, c.idMap, rootfs),
    },
  });
}

/** Facts and sources of the post-create step. */
export interface PostCreateInput {
  /** A snapshot of the extracted rootfs (`readRootfs` in pctkit/effects). */
  readonly snapshot: FsSnapshot;
  /** Epoch seconds (shadow's last-change day). */
  readonly now: number;
  /** Perl's `rand()` stream (crontab minutes). */
  readonly random: RandomSource;
  /** A fresh UUID per call. */
  readonly uuid: () => string;
  /** The host's DNS, used when neither `nameserver` nor `searchdomain` is set. */
  readonly hostDns: HostDns;
  /** Request ssh host key generation (Proxmox does, when the CT has `/etc/ssh`; default true). */
  readonly sshHostKeys?: boolean;
}

/** The outcome of a create. */
export interface PostCreatePlan {
  /** The detection result (`ostype`, version, arch). */
  readonly detection: Detection;
  /** The post-create setup plan (run it with `applyPlanToRootfs`). */
  readonly setup: SetupPlan;
  /** The final config (defaults applied, no `lock`). */
  readonly config: PctConfig;
  /** Its text, from the canonical writer. */
  readonly configText: string;
  /** Warnings printed on the way (detection, setup), in order. */
  readonly diagnostics: readonly Diagnostic<CreatePlanCode>[];
}

function withValues(
  config: PctConfig,
  update: (v: Record<string, ConfigValue>) => void,
): PctConfig {
  const values = Object.assign(
    Object.create(null) as Record<string, ConfigValue>,
    config.main.values,
  );
  update(values);
  return { ...config, main: { ...config.main, values } };
}

/**
 * After extraction: detection, setup plan, defaults, config text. The password must be a crypt
 * hash (planning never hashes; absent → `*`, the account locked as Proxmox does).
 */
export function planPostCreate(
  plan: CreatePlan,
  input: PostCreateInput,
): Result<PostCreatePlan, CreatePlanCode> {
  const diagnostics: Diagnostic<CreatePlanCode>[] = [];
  const values = plan.config.main.values;
  const given = values['ostype'] === undefined ? undefined : String(values['ostype']);
  const arch = values['arch'] === undefined ? undefined : String(values['arch']);
  const detected = detectOs(input.snapshot, {
    ...(given !== undefined ? { ostype: given } : {}),
    ...(arch !== undefined ? { arch } : {}),
  });
  if (E.isLeft(detected)) {
    return fail(
      errorDiagnostic('CREATE_DETECTION_FAILED', detected.left[0].message, {
        proxmoxText: detected.left[0].proxmoxText,
      }),
    );
  }
  const d = detected.right;
  for (const line of [...d.stderr, ...d.stdout]) {
    const code = line.startsWith('got unexpected ostype')
      ? 'CREATE_OSTYPE_OVERRIDDEN'
      : 'CREATE_DETECTION_WARNING';
    diagnostics.push(proxmoxDiagnostic('warning', code, line));
  }
  let config = withValues(plan.config, (v) => {
    v['ostype'] = d.config.ostype;
    v['arch'] = d.config.arch;
  });
  const setup = planSetup({
    snapshot: input.snapshot,
    config: config.main,
    os: d,
    hook: 'post-create',
    now: input.now,
    random: input.random,
    uuid: input.uuid,
    hostDns: input.hostDns,
    ...(plan.password !== undefined ? { rootPasswordHash: plan.password } : {}),
    ...(plan.sshPublicKeys !== undefined ? { sshKeys: plan.sshPublicKeys } : {}),
    sshHostKeys: input.sshHostKeys ?? true,
  });
  if (E.isLeft(setup)) {
    return fail(
      errorDiagnostic('CREATE_SETUP_FAILED', messageOfProxmoxText(setup.left[0].message), {
        proxmoxText: setup.left[0].proxmoxText ?? `${setup.left[0].message}\n`,
      }),
    );
  }
  for (const w of setup.right.warnings) {
    diagnostics.push(
      // The planner's warnings record Proxmox's `warn` without its text: none is claimed here.
      warningDiagnostic(
        'CREATE_SETUP_WARNING',
        messageOfProxmoxText(w.message),
        w.proxmoxText === undefined ? {} : { proxmoxText: w.proxmoxText },
      ),
    );
  }
  // Proxmox's defaults after setup: `hostname ||= CT<vmid>`, `memory ||= 512`, `swap //= 512`.
  config = withValues(config, (v) => {
    if (!truthy(v['hostname'])) v['hostname'] = `CT${plan.vmid}`;
    if (!truthy(v['memory'])) v['memory'] = 512;
    if (v['swap'] === undefined) v['swap'] = 512;
  });
  const text = writeConfig(config);
  if (E.isLeft(text)) {
    return fail(withCode('CREATE_CONFIG_WRITE_FAILED', text.left[0]));
  }
  return ok({ detection: d, setup: setup.right, config, configText: text.right, diagnostics });
}

function truthy(v: ConfigValue | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0' && v !== 0;
}

/** Proxmox's prefix of a failed create (`unable to create CT <vmid> - `). */
export function createFailurePrefix(vmid: number, restore = false): string {
  return `unable to ${restore ? 'restore' : 'create'} CT ${vmid} - `;
}
