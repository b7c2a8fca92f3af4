/**
 * The container config schema (pve-container `confdesc`): every key with its type and the
 * constraints the API enforces. The file reader checks only type and format (see check-value.ts).
 */
import type { ValueConstraints } from './property-schema.js';
import type { FormatName } from './simple-formats.js';
import type { PropertyStringFormatName } from './formats/index.js';

/** A value format that needs host data: time zones come from the host's `zone.tab`. */
export type HostFormatName = 'pve-ct-timezone';

/** One key of the container schema (its `pattern` is checked at the API level only). */
export interface ContainerKeySchema extends ValueConstraints {
  /** Named format (simple, `-list`, or host-dependent). */
  readonly format?: FormatName | HostFormatName;
  /** Property-string format of the value. */
  readonly propertyString?: PropertyStringFormatName;
  /** A default that is described rather than fixed. */
  readonly defaultDescription?: string;
}

const NO_CONTROL_CHARS = '[^\\x00-\\x08\\x0a-\\x1f\\x7f]';
const ENV_ITEM = `[A-Za-z0-9_]+=${NO_CONTROL_CHARS}*`;

/** The keys that are not part of an indexed family. */
export const containerKeys = {
  arch: {
    type: 'string',
    enum: ['amd64', 'i386', 'arm64', 'armhf', 'riscv32', 'riscv64'],
    default: 'amd64',
    description: 'OS architecture type.',
  },
  cmode: {
    type: 'string',
    enum: ['shell', 'console', 'tty'],
    default: 'tty',
    description: 'Console mode: a tty, /dev/console, or a shell without login.',
  },
  console: {
    type: 'boolean',
    default: 1,
    description: 'Attach a console device (/dev/console) to the container.',
  },
  cores: {
    type: 'integer',
    minimum: 1,
    maximum: 8192,
    defaultDescription: 'all host cores',
    description: 'Number of CPU cores the container may use.',
  },
  cpulimit: {
    type: 'number',
    minimum: 0,
    maximum: 8192,
    default: 0,
    description: 'Limit of CPU usage (0 = no limit).',
  },
  cpuunits: {
    type: 'integer',
    minimum: 0,
    maximum: 500000,
    defaultDescription: 'cgroup v1: 1024, cgroup v2: 100',
    description: 'CPU weight relative to other running guests.',
  },
  debug: {
    type: 'boolean',
    default: 0,
    description: 'Start the container with debug log level.',
  },
  description: {
    type: 'string',
    maxLength: 8192,
    description: 'Notes; stored as comment lines at the top of the config file.',
  },
  entrypoint: {
    type: 'string',
    pattern: `${NO_CONTROL_CHARS}+`,
    default: '/sbin/init',
    description: 'Command (with arguments) the container runs as init.',
  },
  env: {
    type: 'string',
    pattern: `${ENV_ITEM}(?:\\x00${ENV_ITEM})*`,
    description:
      'Environment for the container init, NAME=value items separated by NUL; stored as lxc.environment.runtime lines.',
  },
  features: {
    type: 'string',
    propertyString: 'features',
    description: 'Advanced container features.',
  },
  hookscript: {
    type: 'string',
    format: 'pve-volume-id',
    description: 'Script run at the steps of the container life cycle.',
  },
  hostname: {
    type: 'string',
    format: 'dns-name',
    maxLength: 255,
    description: 'Host name of the container.',
  },
  lock: {
    type: 'string',
    enum: [
      'backup',
      'create',
      'destroyed',
      'disk',
      'fstrim',
      'migrate',
      'mounted',
      'rollback',
      'snapshot',
      'snapshot-delete',
    ],
    description: 'Lock or mark the container.',
  },
  memory: {
    type: 'integer',
    minimum: 16,
    default: 512,
    description: 'RAM of the container in MiB.',
  },
  nameserver: {
    type: 'string',
    format: 'lxc-ip-with-ll-iface-list',
    description: 'DNS servers for the container (host settings when unset).',
  },
  onboot: {
    type: 'boolean',
    default: 0,
    description: 'Start the container when the host boots.',
  },
  ostype: {
    type: 'string',
    enum: [
      'debian',
      'devuan',
      'ubuntu',
      'centos',
      'fedora',
      'opensuse',
      'archlinux',
      'alpine',
      'gentoo',
      'nixos',
      'unmanaged',
    ],
    description: 'OS type; selects the setup inside the container.',
  },
  parent: {
    type: 'string',
    format: 'pve-configid',
    maxLength: 40,
    description: 'Parent snapshot name (internal, not accepted by the API).',
  },
  protection: {
    type: 'boolean',
    default: 0,
    description: 'Protect the container from removal and its disks from being changed.',
  },
  rootfs: {
    type: 'string',
    propertyString: 'rootfs',
    description: 'The container root volume.',
  },
  searchdomain: {
    type: 'string',
    format: 'dns-name-list',
    description: 'DNS search domains for the container (host settings when unset).',
  },
  snaptime: {
    type: 'integer',
    minimum: 0,
    description: 'Time the snapshot was taken, in seconds since the epoch (internal).',
  },
  startup: {
    type: 'string',
    format: 'pve-startup-order',
    description: 'Boot order and start/shutdown delays: [[order=]n][,up=n][,down=n].',
  },
  swap: {
    type: 'integer',
    minimum: 0,
    default: 512,
    description: 'Swap of the container in MiB.',
  },
  tags: {
    type: 'string',
    format: 'pve-tag-list',
    description: 'Tags of the container (metadata only).',
  },
  template: {
    type: 'boolean',
    default: 0,
    description: 'Mark the container as a template.',
  },
  timezone: {
    type: 'string',
    format: 'pve-ct-timezone',
    description: 'Time zone: `host`, `UTC`, or a zone name from the host zone.tab.',
  },
  tty: {
    type: 'integer',
    minimum: 0,
    maximum: 6,
    default: 2,
    description: 'Number of ttys available to the container.',
  },
  unprivileged: {
    type: 'boolean',
    default: 0,
    description: 'Run as an unprivileged user (fixed after creation).',
  },
} as const satisfies Readonly<Record<string, ContainerKeySchema>>;

/** A non-indexed key. */
export type ContainerKeyName = keyof typeof containerKeys;

/** An indexed key family: `net0`…`net31` and so on. */
export interface IndexedKeyFamily {
  /** Number of keys (`<prefix>0` … `<prefix><count-1>`). */
  readonly count: number;
  readonly schema: ContainerKeySchema;
}

/** The indexed key families by prefix. */
export const indexedKeyFamilies = {
  net: {
    count: 32,
    schema: { type: 'string', propertyString: 'net', description: 'A network interface.' },
  },
  mp: {
    count: 256,
    schema: { type: 'string', propertyString: 'mp', description: 'An additional mount point.' },
  },
  unused: {
    count: 256,
    schema: {
      type: 'string',
      propertyString: 'unused',
      description: 'A detached volume (internal; do not set by hand).',
    },
  },
  dev: {
    count: 256,
    schema: { type: 'string', propertyString: 'dev', description: 'A device passed through.' },
  },
} as const satisfies Readonly<Record<string, IndexedKeyFamily>>;

/** Every key of the schema, indexed families expanded (`net0`…`net31`, …), sorted. */
export function allSchemaKeys(): string[] {
  const keys: string[] = Object.keys(containerKeys);
  for (const [prefix, family] of Object.entries(indexedKeyFamilies)) {
    for (let i = 0; i < family.count; i++) keys.push(`${prefix}${i}`);
  }
  return keys.sort();
}
