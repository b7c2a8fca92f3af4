/**
 * The storage types of `/etc/pve/storage.cfg` as data: which properties each type accepts, which
 * it requires, which content types it supports and its default content, and the types Proxmox
 * always marks `shared`. Written from pve-storage's plugin descriptions (spec A.2); the property
 * lists of types pctkit does not mount from (iscsi, pbs, …) are kept so that their sections parse
 * without spurious warnings.
 */

/** How a property's value is checked and stored: booleans and integers become numbers. */
export type PropertyKind =
  | 'boolean'
  | 'integer'
  | 'string'
  /** `pve-storage-path`: must look like an absolute path. */
  | 'path'
  /** `pve-storage-vgname`: an LVM name. */
  | 'lvm-name'
  /** Decoded into a sorted list (`content`, `nodes`) or a map (`content-dirs`). */
  | 'content'
  | 'nodes'
  | 'content-dirs';

/** Every property any storage type knows, with its kind (a key not listed is unknown). */
export const PROPERTY_KINDS: ReadonlyMap<string, PropertyKind> = new Map<string, PropertyKind>([
  ['path', 'path'],
  ['export', 'path'],
  ['vgname', 'lvm-name'],
  ['thinpool', 'lvm-name'],
  ['content', 'content'],
  ['nodes', 'nodes'],
  ['content-dirs', 'content-dirs'],
  ['disable', 'boolean'],
  ['shared', 'boolean'],
  ['sparse', 'boolean'],
  ['krbd', 'boolean'],
  ['mkdir', 'boolean'],
  ['create-base-path', 'boolean'],
  ['create-subdirs', 'boolean'],
  ['saferemove', 'boolean'],
  ['tagged_only', 'boolean'],
  ['nowritecache', 'boolean'],
  ['fuse', 'boolean'],
  ['snapshot-as-volume-chain', 'boolean'],
  ['skip-cert-verification', 'boolean'],
  ['max-protected-backups', 'integer'],
  ['port', 'integer'],
  ...[
    'server',
    'share',
    'subdir',
    'username',
    'password',
    'domain',
    'smbversion',
    'options',
    'base',
    'pool',
    'blocksize',
    'mountpoint',
    'monhost',
    'keyring',
    'fs-name',
    'namespace',
    'data-pool',
    'datastore',
    'fingerprint',
    'encryption-key',
    'master-pubkey',
    'portal',
    'target',
    'iscsiprovider',
    'comstar_tg',
    'comstar_hg',
    'lio_tpg',
    'zfs-base-path',
    'is_mountpoint',
    'prune-backups',
    'format',
    'preallocation',
    'bwlimit',
    'saferemove_throughput',
  ].map((k): [string, PropertyKind] => [k, 'string']),
]);

/** One storage type: accepted properties, required ones, content types and defaults. */
export interface StorageTypeSpec {
  readonly options: ReadonlySet<string>;
  /** Checked after the section, in this order (the first missing one skips the section). */
  readonly required: readonly string[];
  /** Content types the type supports. */
  readonly content: ReadonlySet<string>;
  /** `content` when the section gives none (sorted). */
  readonly defaultContent: readonly string[];
  /** `path` defaults to `/mnt/pve/<storeid>` (network file systems). */
  readonly defaultsPath: boolean;
  /** `path` must match Proxmox's directory-path rule and is canonicalised. */
  readonly checksDirPath: boolean;
}

const FILE_CONTENT = ['images', 'rootdir', 'vztmpl', 'iso', 'backup', 'snippets', 'none', 'import'];
const FILE_OPTIONS = [
  'path',
  'content-dirs',
  'nodes',
  'disable',
  'prune-backups',
  'max-protected-backups',
  'content',
  'format',
  'mkdir',
  'create-base-path',
  'create-subdirs',
  'bwlimit',
  'preallocation',
  'snapshot-as-volume-chain',
];

function spec(
  options: readonly string[],
  required: readonly string[],
  content: readonly string[],
  defaultContent: readonly string[],
  extra: { defaultsPath?: boolean; checksDirPath?: boolean } = {},
): StorageTypeSpec {
  return {
    options: new Set(options),
    required,
    content: new Set(content),
    defaultContent,
    defaultsPath: extra.defaultsPath ?? false,
    checksDirPath: extra.checksDirPath ?? false,
  };
}

/** The storage types Proxmox ships, by the name used in section headers. */
export const STORAGE_TYPES: ReadonlyMap<string, StorageTypeSpec> = new Map([
  [
    'dir',
    spec(
      [...FILE_OPTIONS, 'shared', 'is_mountpoint'],
      ['path'],
      FILE_CONTENT,
      ['images', 'rootdir'],
      {
        checksDirPath: true,
      },
    ),
  ],
  [
    'nfs',
    spec(
      [...FILE_OPTIONS, 'server', 'export', 'options'],
      ['export', 'path', 'server'],
      FILE_CONTENT,
      ['images'],
      {
        defaultsPath: true,
      },
    ),
  ],
  [
    'cifs',
    spec(
      [
        ...FILE_OPTIONS,
        'server',
        'share',
        'subdir',
        'username',
        'password',
        'domain',
        'smbversion',
        'options',
      ],
      ['path', 'server', 'share'],
      FILE_CONTENT,
      ['images'],
      { defaultsPath: true },
    ),
  ],
  [
    'cephfs',
    spec(
      [
        'path',
        'nodes',
        'monhost',
        'content',
        'subdir',
        'disable',
        'username',
        'fs-name',
        'fuse',
        'bwlimit',
        'prune-backups',
        'max-protected-backups',
        'keyring',
        'create-base-path',
        'create-subdirs',
        'options',
      ],
      ['path'],
      ['vztmpl', 'iso', 'backup', 'snippets', 'import'],
      ['backup'],
      { defaultsPath: true },
    ),
  ],
  [
    'btrfs',
    spec(
      [
        'path',
        'nodes',
        'shared',
        'disable',
        'prune-backups',
        'max-protected-backups',
        'content',
        'format',
        'is_mountpoint',
        'bwlimit',
        'preallocation',
        'create-base-path',
        'create-subdirs',
      ],
      ['path'],
      FILE_CONTENT,
      ['images', 'rootdir'],
      { checksDirPath: true },
    ),
  ],
  [
    'lvm',
    spec(
      [
        'vgname',
        'base',
        'nodes',
        'shared',
        'disable',
        'saferemove',
        'saferemove_throughput',
        'content',
        'bwlimit',
        'tagged_only',
        'snapshot-as-volume-chain',
      ],
      ['vgname'],
      ['images', 'rootdir', 'none'],
      ['images'],
    ),
  ],
  [
    'lvmthin',
    spec(
      ['thinpool', 'vgname', 'nodes', 'disable', 'content', 'bwlimit'],
      ['thinpool', 'vgname'],
      ['images', 'rootdir'],
      ['images', 'rootdir'],
    ),
  ],
  [
    'zfspool',
    spec(
      ['pool', 'blocksize', 'sparse', 'mountpoint', 'nodes', 'disable', 'content', 'bwlimit'],
      ['pool'],
      ['images', 'rootdir'],
      ['images', 'rootdir'],
    ),
  ],
  [
    'zfs',
    spec(
      [
        'nodes',
        'disable',
        'portal',
        'target',
        'pool',
        'blocksize',
        'iscsiprovider',
        'comstar_tg',
        'comstar_hg',
        'lio_tpg',
        'nowritecache',
        'sparse',
        'content',
        'bwlimit',
        'zfs-base-path',
      ],
      ['blocksize', 'iscsiprovider', 'pool', 'portal', 'target'],
      ['images'],
      ['images'],
    ),
  ],
  [
    'rbd',
    spec(
      [
        'nodes',
        'content',
        'krbd',
        'pool',
        'data-pool',
        'namespace',
        'monhost',
        'username',
        'disable',
        'bwlimit',
        'keyring',
      ],
      [],
      ['images', 'rootdir'],
      ['images'],
    ),
  ],
  [
    'iscsi',
    spec(
      ['portal', 'target', 'nodes', 'disable', 'content', 'bwlimit'],
      ['portal', 'target'],
      ['images', 'none'],
      ['images'],
    ),
  ],
  [
    'iscsidirect',
    spec(
      ['portal', 'target', 'nodes', 'disable', 'bwlimit'],
      ['portal', 'target'],
      ['images', 'none'],
      ['images'],
    ),
  ],
  [
    'pbs',
    spec(
      [
        'datastore',
        'server',
        'port',
        'namespace',
        'username',
        'password',
        'encryption-key',
        'master-pubkey',
        'fingerprint',
        'nodes',
        'disable',
        'prune-backups',
        'max-protected-backups',
        'content',
      ],
      ['datastore', 'server'],
      ['backup', 'none'],
      ['backup'],
    ),
  ],
  [
    'esxi',
    spec(
      ['server', 'username', 'password', 'skip-cert-verification', 'content', 'nodes', 'disable'],
      ['server', 'username'],
      ['import'],
      ['import'],
    ),
  ],
]);

/** Types Proxmox always marks `shared: 1` after parsing (`@SHARED_STORAGE`). */
export const SHARED_STORAGE_TYPES: ReadonlySet<string> = new Set([
  'iscsi',
  'nfs',
  'cifs',
  'rbd',
  'cephfs',
  'iscsidirect',
  'zfs',
  'drbd',
  'pbs',
]);

/** The `local` storage Proxmox synthesises when the file has no usable one. */
export const SYNTHESIZED_LOCAL = {
  type: 'dir',
  path: '/var/lib/vz',
  priority: 0,
  'prune-backups': 'keep-all=1',
  content: ['backup', 'images', 'iso', 'rootdir', 'snippets', 'vztmpl'],
} as const;

/** Sub-directory of each content type under a file storage's `path` (`content-dirs` overrides). */
export const CONTENT_SUBDIRS: ReadonlyMap<string, string> = new Map([
  ['images', 'images'],
  ['rootdir', 'private'],
  ['iso', 'template/iso'],
  ['vztmpl', 'template/cache'],
  ['backup', 'dump'],
  ['snippets', 'snippets'],
  ['import', 'import'],
]);
