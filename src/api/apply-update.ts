/**
 * `PUT /nodes/{node}/lxc/{vmid}/config` on a config file, as a pure simulation (spec C.3, the
 * `put/` vectors): the API's parameter check (form values; booleans only `1`/`0`), the handler's
 * own checks (nothing to do, `delete` list, lock, digest, required and read-only keys, protection,
 * bridge MTU, storage content), then the landed `pct set` transform and Proxmox's canonical writer.
 * Left: Proxmox's errors; nothing is written then.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PctConfig } from '../config/model.js';
import { readConfig } from '../config/reader.js';
import { isPerlTrue } from '../perl/index.js';
import { valueText, writeConfig } from '../config/writer.js';
import { proxmoxTextOf } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import type { ConfigAction } from '../ops/actions.js';
import type { PendingChange } from '../ops/apply-pending.js';
import { sectionHas } from '../ops/section-values.js';
import type { SetDiagnostic, SetHost } from '../ops/set-config.js';
import { setConfig } from '../ops/set-config.js';
import { isMountPointKey, isUnusedKey } from '../ops/volumes.js';
import { checkApiValue } from '../schema/check-value.js';
import { schemaKey } from '../schema/key-registry.js';
import { netFormat, parseVolume } from '../schema/formats/index.js';
import { parsePropertyString } from '../schema/property-string.js';
import { verifyConfigId } from '../schema/simple-formats.js';
import { splitList } from '../perl/index.js';
import type { ApiCode } from './api-diagnostic.js';
import { keyedFailure, plainFailure } from './api-diagnostic.js';
import type { ApiOptions } from './api-types.js';
import { configDigest } from './digest.js';

/** One request parameter: a form value, a JSON number or boolean, or (delete/revert) a key list. */
export type ApiParamValue = string | number | boolean | readonly string[];

/** The parameters of a PUT (`node`/`vmid` excluded): config keys plus `delete`, `revert`, `digest`. */
export type ApiParams = Readonly<Record<string, ApiParamValue>>;

/** Host facts of a PUT. All optional; without them the corresponding check is skipped. */
export interface ApplyApiOptions extends ApiOptions, Omit<SetHost, 'vmid'> {
  /** Whether the container runs (changes are hot-plugged where possible; default false). */
  readonly running?: boolean;
  /** The MTU of a host bridge (a NIC's `mtu` may not exceed it). */
  readonly bridgeMtu?: (bridge: string) => number | undefined;
  /** The content types a storage allows (a container volume needs `rootdir`). */
  readonly storageContent?: (storage: string) => readonly string[] | undefined;
}

/** A successful PUT. */
export interface ApplyApiResult {
  /** The file as Proxmox writes it (canonical writer; every successful PUT rewrites the file). */
  readonly text: string;
  readonly config: PctConfig;
  /** What the runtime must do (hotplug, volume work). */
  readonly actions: readonly ConfigAction[];
  /** What stays pending. */
  readonly pending: readonly PendingChange[];
  /**
   * What `pct set` reported: warnings with Proxmox's text (`SET_DELETE_NOT_SET`: `cannot delete 'x'
   * - not set in current configuration!`) and pctkit's notices.
   */
  readonly diagnostics: readonly SetDiagnostic[];
}

const NOT_IN_SCHEMA =
  'property is not defined in schema and the schema does not allow additional properties';
/** Config-schema keys the API refuses as parameters. */
const NOT_PARAMETERS = new Set(['parent', 'snaptime']);
const REQUIRED = new Set(['memory', 'rootfs', 'ostype']);
const NEWLINES = /\n+$/;

/** A parameter as the API server hands it to the handler: a string. */
export function formValue(value: ApiParamValue): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  return value.join(',');
}

interface Request {
  readonly set: Record<string, string>;
  readonly delete: string[];
  readonly revert: string[];
  readonly digest?: string;
  readonly skipLock: boolean;
}

/** The API server's schema check of the parameters, then the handler's checks of `delete`/`revert`. */
function checkParams(params: ApiParams): E.Either<Record<string, string>, Request> {
  const errors: Record<string, string> = Object.create(null) as Record<string, string>;
  const set = Object.create(null) as Record<string, string>;
  const lists: Record<'delete' | 'revert', string[]> = { delete: [], revert: [] };
  let digest: string | undefined;
  let skipLock = false;
  for (const key of Object.keys(params)) {
    const raw = params[key] as ApiParamValue;
    const value = formValue(raw);
    if (key === 'delete' || key === 'revert') {
      const items = typeof raw === 'object' ? [...raw] : splitList(value);
      for (const item of items) {
        const id = verifyConfigId(item);
        if (E.isLeft(id)) {
          errors[key] = 'invalid format - ' + id.left;
          break;
        }
      }
      lists[key] = items;
    } else if (key === 'digest') {
      if (value.length > 40) errors[key] = 'value may only be 40 characters long';
      else digest = value;
    } else if (key === 'skiplock') {
      if (value !== '1' && value !== '0')
        errors[key] = `type check ('boolean') failed - got '${value}'`;
      else skipLock = value === '1';
    } else {
      const schema = schemaKey(key);
      if (schema === undefined || NOT_PARAMETERS.has(key)) errors[key] = NOT_IN_SCHEMA;
      else if (schema.type === 'boolean' && value !== '1' && value !== '0')
        errors[key] = `type check ('boolean') failed - got '${value}'`;
      else {
        const checked = checkApiValue(key, value);
        if (E.isLeft(checked)) errors[key] = checked.left.message;
        else set[key] = value;
      }
    }
  }
  if (Object.keys(errors).length > 0) return E.left(errors);
  // The handler's own parameter errors (still 400), reported under `delete` / `revert`.
  for (const [list, other] of [
    ['delete', 'revert'],
    ['revert', 'delete'],
  ] as const) {
    for (const key of lists[list]) {
      if (schemaKey(key) === undefined || NOT_PARAMETERS.has(key))
        errors[list] = `unknown option '${key}'`;
      else if (Object.prototype.hasOwnProperty.call(set, key))
        errors[list] = `you can't use '-${key}' and -${list} ${key}' at the same time`;
      else if (list === 'delete' && lists[other].includes(key))
        errors[list] = `you can't use '-delete ${key}' and '-revert ${key}' at the same time`;
    }
  }
  if (Object.keys(errors).length > 0) return E.left(errors);
  return E.right({
    set,
    delete: lists.delete,
    revert: lists.revert,
    ...(digest !== undefined ? { digest } : {}),
    skipLock,
  });
}

/** The handler's checks that die with a plain message (Proxmox answers 500). */
function handlerError(
  config: PctConfig,
  request: Request,
  options: ApplyApiOptions,
): string | undefined {
  const vmid = options.vmid ?? 0;
  const protectedCt = isPerlTrue(valueText(config.main.values['protection'] ?? 0));
  for (const key of request.delete) {
    if (!sectionHas(config.main, key) && !sectionHas(config.pending, key)) continue; // a warning
    if (REQUIRED.has(key)) return `unable to delete required option '${key}'\n`;
    if (key === 'unprivileged') return `unable to delete read-only option: '${key}'\n`;
    if (protectedCt && (key === 'rootfs' || isMountPointKey(key) || isUnusedKey(key))) {
      return `can't remove CT ${vmid} drive '${key}' - protection mode enabled\n`;
    }
  }
  for (const key of Object.keys(request.set).sort()) {
    const value = request.set[key] as string;
    if (key === 'unprivileged') return `unable to modify read-only option: '${key}'\n`;
    if (key === 'rootfs' || isMountPointKey(key)) {
      if (protectedCt) return `can't update CT ${vmid} drive '${key}' - protection mode enabled\n`;
      const volume = parseVolume(key, value);
      if (
        E.isRight(volume) &&
        volume.right.type === 'volume' &&
        options.storageContent !== undefined
      ) {
        const storage = volume.right.volume.split(':')[0] as string;
        const content = options.storageContent(storage);
        if (content !== undefined && !content.includes('rootdir'))
          return `storage '${storage}' does not allow content type 'rootdir' (Container)\n`;
      }
    }
    if (/^net\d+$/.test(key) && options.bridgeMtu !== undefined) {
      const net = parsePropertyString(netFormat, value);
      if (E.isRight(net) && net.right['mtu'] !== undefined && net.right['bridge'] !== undefined) {
        const mtu = Number(net.right['mtu']);
        const bridgeMtu = options.bridgeMtu(String(net.right['bridge']));
        if (bridgeMtu !== undefined && mtu > bridgeMtu)
          return `${key}: MTU size '${mtu}' is bigger than bridge MTU '${bridgeMtu}'\n`;
      }
    }
  }
  return undefined;
}

/**
 * Applies a PUT to an already read config whose file digest is `digest`: the new config and its
 * text, or Proxmox's errors (`400 Parameter verification failed.` with one diagnostic per
 * parameter, or one plain error: `no options specified`, `CT is locked (…)`, the digest mismatch,
 * a required, read-only or protected key, …).
 */
export function applyApiUpdateToConfig(
  config: PctConfig,
  digest: string,
  params: ApiParams,
  options: ApplyApiOptions = {},
): Result<ApplyApiResult, ApiCode> {
  const checked = checkParams(params);
  if (E.isLeft(checked)) {
    const errors: Record<string, string> = {};
    for (const [k, m] of Object.entries(checked.left)) errors[k] = m.replace(NEWLINES, '');
    return E.left(
      keyedFailure('API_PARAMETER_INVALID', '400', 'Parameter verification failed.', errors),
    );
  }
  const request = checked.right;
  if (
    Object.keys(request.set).length === 0 &&
    request.delete.length === 0 &&
    request.revert.length === 0
  ) {
    return E.left(plainFailure('API_NO_OPTIONS', 'no options specified\n'));
  }
  const lock = config.main.values['lock'];
  if (!request.skipLock && lock !== undefined && isPerlTrue(valueText(lock))) {
    return E.left(plainFailure('API_LOCKED', `CT is locked (${valueText(lock)})\n`, 'lock'));
  }
  if (request.digest !== undefined && request.digest !== '' && request.digest !== digest) {
    return E.left(
      plainFailure(
        'API_DIGEST_MISMATCH',
        'detected modified configuration - file changed by other user? Try again.\n',
        'digest',
      ),
    );
  }
  const plain = handlerError(config, request, options);
  if (plain !== undefined) return E.left(plainFailure('API_UPDATE_FAILED', plain));
  const set = setConfig(
    config,
    {
      set: request.set,
      delete: request.delete,
      revert: request.revert,
      running: options.running === true,
      skipLock: true,
    },
    { ...options, vmid: options.vmid ?? 0 },
  );
  if (E.isLeft(set)) {
    // Each key's error is `<key>: <why>` (trailing newlines trimmed), the key its path.
    const errors: Record<string, string> = {};
    for (const d of set.left)
      if (d.code !== 'SET_CT_LOCKED' && d.path !== undefined)
        errors[d.path] = d.message.slice(d.path.length + 2);
    return E.left(
      Object.keys(errors).length > 0
        ? keyedFailure('API_PARAMETER_INVALID', '400', 'Parameter verification failed.', errors)
        : plainFailure('API_UPDATE_FAILED', proxmoxTextOf(set.left)),
    );
  }
  const text = writeConfig(set.right.config);
  if (E.isLeft(text)) {
    const d = text.left[0];
    return E.left(plainFailure('API_UPDATE_FAILED', proxmoxTextOf(text.left), d.path));
  }
  return E.right({
    text: text.right,
    config: set.right.config,
    actions: set.right.actions,
    pending: set.right.pending,
    diagnostics: set.right.diagnostics,
  });
}

/**
 * `PUT …/config` on a file's text: the file Proxmox writes, or its errors. `params` are form values
 * (strings) or JSON values; `delete`/`revert` a list or a `,`/`;`/space-separated string.
 */
export function applyApiUpdate(
  text: string,
  params: ApiParams,
  options: ApplyApiOptions = {},
): Result<ApplyApiResult, ApiCode> {
  return applyApiUpdateToConfig(readConfig(text).config, configDigest(text), params, options);
}
