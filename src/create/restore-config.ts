/**
 * The config half of `pct restore` (spec B.3): the backup's `./etc/vzdump/pct.conf` (read from the
 * archive without extracting the rest: `readArchiveMember` in pctkit/effects) gives the volume
 * layout when no disks are passed and `unprivileged` when not given; the config is then built like a
 * create and the backup's keys merged in as `sanitize_and_merge_config` does: internal and volume
 * keys skipped, raw `lxc` lines only for root, `features` not carried from an unprivileged backup
 * into a privileged restore by a non-root user, new MACs with `unique`, and the caller's keys win.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigValue, PctConfig } from '../config/model.js';
import { readConfig } from '../config/reader.js';
import { valueText, writeConfig } from '../config/writer.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import {
  errorDiagnostic,
  proxmoxDiagnostic,
  warningDiagnostic,
  withCode,
} from '../diagnostics/diagnostic.js';
import { fail, ok, type Result } from '../diagnostics/result.js';
import { randomMacAddress } from '../ops/mac-address.js';
import { netFormat } from '../schema/formats/index.js';
import { parseVolume } from '../schema/formats/mount-point.js';
import { isPerlTrue } from '../perl/index.js';
import { parsePropertyString, printPropertyString } from '../schema/property-string.js';
import { type CreateConfigCode, type CreateHost, createConfig } from './create-config.js';

/** Codes of {@link planRestoreConfig}. */
export type RestoreConfigCode =
  | CreateConfigCode
  /** The backup archive has no `./etc/vzdump/pct.conf`: `ERROR: archive contains no configuration file`. */
  | 'RESTORE_NO_CONFIG'
  /** The archive is an OpenVZ backup (`vps.conf`), which pctkit does not convert. */
  | 'RESTORE_OPENVZ_UNSUPPORTED'
  /** A volume to allocate has no size in the backup or the request: `unable to detect disk size - please specify <key> (size)`. */
  | 'RESTORE_DISK_SIZE_UNKNOWN'
  /** The backup's `rootfs` cannot be recovered: `rootfs configuration could not be recovered, please check and specify manually!` */
  | 'RESTORE_ROOTFS_UNRECOVERABLE'
  /** The backup has raw `lxc.*` keys and the restore is not as root: `skipping custom lxc options, restore manually as root: …` (warning). */
  | 'RESTORE_LXC_SKIPPED'
  /** A bind or device mount point of the backup is not restored because the restore is not as root (warning). */
  | 'RESTORE_MOUNT_SKIPPED'
  /** The restored configuration cannot be written as a `pct.conf` text (create's code: the same condition). */
  | 'CREATE_CONFIG_WRITE_FAILED';

/** The member names `pct restore` looks for (the first one in the archive wins). */
export function isVzdumpConfigMember(name: string): boolean {
  return name === './etc/vzdump/pct.conf' || name === './etc/vzdump/vps.conf';
}

/** The message when an archive has neither. */
export const NO_CONFIG_TEXT = 'ERROR: archive contains no configuration file\n';

/** What the restore is given. */
export interface RestoreRequest {
  readonly vmid: number;
  /** The backup's config text (`undefined`: the archive had none). */
  readonly backupConfig: string | undefined;
  /** Which member it came from (`./etc/vzdump/pct.conf` or `…/vps.conf`). */
  readonly member?: string;
  /** The options passed to `pct restore` (rootfs, mpN, hostname, …). */
  readonly options?: Readonly<Record<string, string>>;
  /** `--unique`: new MAC addresses for the backup's NICs. */
  readonly unique?: boolean;
}

/** The merged config. */
export interface RestoreConfig {
  readonly config: PctConfig;
  readonly configText: string;
  /** The backup's config as read (snapshots dropped). */
  readonly backup: PctConfig;
  readonly diagnostics: readonly Diagnostic<RestoreConfigCode>[];
}

const SKIPPED = new Set(['digest', 'rootfs', 'snapshots', 'unprivileged', 'parent', 'template']);
const VOLUME_KEY = /^(mp|unused)\d+$/;

function err(code: RestoreConfigCode, text: string): Diagnostic<RestoreConfigCode> {
  return proxmoxDiagnostic('error', code, text);
}

/** `<size in GiB>` as Proxmox derives it from a volume's `size` in bytes. */
function gib(bytes: number): string {
  return String(bytes / 2 ** 30);
}

/** Plans the config of `pct restore`. `host.root === false` is a restricted (non-root) restore. */
export function planRestoreConfig(
  request: RestoreRequest,
  host: CreateHost,
): Result<RestoreConfig, RestoreConfigCode> {
  if (request.backupConfig === undefined) return fail(err('RESTORE_NO_CONFIG', NO_CONFIG_TEXT));
  if (request.member?.endsWith('vps.conf') === true) {
    return fail(
      errorDiagnostic(
        'RESTORE_OPENVZ_UNSUPPORTED',
        'OpenVZ backups (vps.conf) are not converted by pctkit',
      ),
    );
  }
  const restricted = host.root === false;
  const backup = readConfig(request.backupConfig).config;
  const old = backup.main.values;
  const options: Record<string, string> = Object.assign(
    Object.create(null) as Record<string, string>,
    request.options ?? {},
  );
  const diagnostics: Diagnostic<RestoreConfigCode>[] = [];
  const storage = options['storage'] ?? 'local';

  // Volumes from the backup when no disks are passed.
  const hasDisks = Object.keys(options).some((k) => k === 'rootfs' || /^mp\d+$/.test(k));
  if (!hasDisks) {
    const rootfs = old['rootfs'];
    if (rootfs === undefined) {
      return fail(
        err(
          'RESTORE_ROOTFS_UNRECOVERABLE',
          'rootfs configuration could not be recovered, please check and specify manually!\n',
        ),
      );
    }
    for (const key of Object.keys(old).sort()) {
      if (key !== 'rootfs' && !/^mp\d+$/.test(key)) continue;
      const vol = parseVolume(key, valueText(old[key] as ConfigValue));
      if (E.isLeft(vol)) continue;
      if (vol.right.type !== 'volume') {
        if (key === 'rootfs') {
          return fail(
            err(
              'RESTORE_ROOTFS_UNRECOVERABLE',
              'rootfs configuration could not be recovered, please check and specify manually!\n',
            ),
          );
        }
        if (restricted) {
          diagnostics.push(
            warningDiagnostic(
              'RESTORE_MOUNT_SKIPPED',
              `${key}: bind/device mount point not restored (root only)`,
              { path: key },
            ),
          );
        } else options[key] = valueText(old[key] as ConfigValue);
        continue;
      }
      const size = vol.right.size;
      if (size === undefined) {
        return fail(
          err(
            'RESTORE_DISK_SIZE_UNKNOWN',
            `unable to detect disk size - please specify ${key} (size)\n`,
          ),
        );
      }
      options[key] =
        key === 'rootfs'
          ? `${storage}:${gib(size)}`
          : `${storage}:${gib(size)},mp=${String(vol.right.mp)}`;
    }
  }
  const backupUnpriv = isPerlTrue(
    old['unprivileged'] === undefined ? undefined : valueText(old['unprivileged']),
  );
  if (options['unprivileged'] === undefined) options['unprivileged'] = backupUnpriv ? '1' : '0';
  const built = createConfig({ vmid: request.vmid, template: 'backup.tar', options }, host);
  if (E.isLeft(built)) return built;
  diagnostics.push(...built.right.diagnostics);
  const targetUnpriv = built.right.unprivileged;

  // sanitize_and_merge_config.
  const values = Object.assign(
    Object.create(null) as Record<string, ConfigValue>,
    built.right.config.main.values,
  );
  for (const key of Object.keys(old)) {
    if (SKIPPED.has(key) || VOLUME_KEY.test(key)) continue;
    if (key === 'features' && restricted && backupUnpriv && !targetUnpriv) continue;
    if (/^net\d+$/.test(key) && request.unique === true) {
      const parsed = parsePropertyString(netFormat, valueText(old[key] as ConfigValue));
      if (E.isRight(parsed)) {
        const net = { ...parsed.right, hwaddr: randomMacAddress(host.random, host.macPrefix) };
        const printed = printPropertyString(netFormat, net);
        if (E.isRight(printed) && values[key] === undefined) values[key] = printed.right;
        continue;
      }
    }
    if (values[key] !== undefined) continue;
    values[key] = old[key] as ConfigValue;
  }
  let lxc = built.right.config.main.lxc;
  if (backup.main.lxc.length > 0) {
    if (restricted) {
      diagnostics.push(
        warningDiagnostic(
          'RESTORE_LXC_SKIPPED',
          `skipping custom lxc options, restore manually as root: ${backup.main.lxc.map(([k, v]) => `${k}: ${v}`).join('; ')}`,
        ),
      );
    } else lxc = [...lxc, ...backup.main.lxc];
  }
  // The defaults Proxmox applies at the end of create and restore alike.
  if (!isPerlTrue(values['hostname'] === undefined ? undefined : valueText(values['hostname'])))
    values['hostname'] = `CT${request.vmid}`;
  if (!isPerlTrue(values['memory'] === undefined ? undefined : valueText(values['memory'])))
    values['memory'] = 512;
  if (values['swap'] === undefined) values['swap'] = 512;
  const description = built.right.config.main.description ?? backup.main.description;
  const config: PctConfig = {
    ...built.right.config,
    main: {
      ...built.right.config.main,
      values,
      lxc,
      ...(description !== undefined ? { description } : {}),
    },
  };
  const text = writeConfig(config);
  if (E.isLeft(text)) return fail(withCode('CREATE_CONFIG_WRITE_FAILED', text.left[0]));
  return ok({
    config,
    configText: text.right,
    backup: { ...backup, snapshots: Object.create(null) as PctConfig['snapshots'] },
    diagnostics,
  });
}
