/**
 * The host side of `pctkit detect | plan | apply`: what the setup commands take from the machine
 * they run on (clock, CSPRNG, UUIDs, host files such as /etc/resolv.conf and /etc/localtime), as an
 * injectable {@link SetupHost}, and the parsers of those host facts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import type { RandomSource } from '../random/random-source.js';
import type { SetupHook } from '../setup/plan-setup.js';
import type { HostDns } from '../setup/setup-settings.js';
import { UsageError } from './args.js';

/** What the setup commands take from the host (injected so that tests control it). */
export interface SetupHost {
  /** The current time, in milliseconds since the epoch. */
  readonly nowMs: () => number;
  /** `n` bytes from a CSPRNG. */
  readonly randomBytes: (n: number) => Uint8Array;
  /** A random (version 4) UUID. */
  readonly randomUuid: () => string;
  /** A host file's text, or undefined when it cannot be read. */
  readonly readHostFile: (path: string) => string | undefined;
  /** A host path with every link resolved, or undefined. */
  readonly realpath: (path: string) => string | undefined;
  /** Whether stderr is a terminal (live progress instead of progress lines). */
  readonly stderrIsTTY: boolean;
  /** `ssh-keygen` to use for host keys (default: found on PATH). */
  readonly sshKeygen?: string;
}

export const processSetupHost: SetupHost = {
  nowMs: () => Date.now(),
  randomBytes: (n) => new Uint8Array(randomBytes(n)),
  randomUuid: () => randomUUID(),
  readHostFile: (p) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  realpath: (p) => {
    try {
      return realpathSync(p);
    } catch {
      return undefined;
    }
  },
  get stderrIsTTY(): boolean {
    return process.stderr.isTTY === true;
  },
};

/** The hooks `--hook` accepts. */
export const SETUP_HOOKS: readonly SetupHook[] = [
  'post-create',
  'pre-start',
  'post-clone',
  'template-fixup',
  'setup-network',
];

/** Proxmox's test-mode DNS defaults (spec §4.3). */
export const PVE_TEST_DNS: HostDns = {
  nameservers: ['8.8.8.8', '8.8.8.9'],
  searchdomains: ['proxmox.com'],
};

/**
 * The host's DNS as Proxmox reads `/etc/resolv.conf` (spec §2.3): the first three `nameserver`
 * lines with an IP address, and the first word of the last `search` or `domain` line.
 */
export function parseHostResolvConf(text: string): HostDns {
  const nameservers: string[] = [];
  let search: string | undefined;
  for (const line of text.split('\n')) {
    const s = /^(?:search|domain)\s+(\S+)/.exec(line);
    if (s) {
      search = s[1] as string;
      continue;
    }
    const n = /^\s*nameserver\s+(\S+)/.exec(line);
    if (n && nameservers.length < 3 && isIpAddress(n[1] as string))
      nameservers.push(n[1] as string);
  }
  return { nameservers, searchdomains: search === undefined ? [] : [search] };
}

function isIpAddress(s: string): boolean {
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s))
    return s.split('.').every((p) => Number(p) <= 255);
  return /^[0-9A-Fa-f:.]+$/.test(s) && s.includes(':');
}

/**
 * Parses `--now`: an ISO 8601 date or date-time (`2024-11-29`, `2024-11-29T12:00:00Z`,
 * `2024-11-29T13:00+01:00`). Without a zone offset it is UTC. Returns epoch milliseconds.
 */
export function parseNow(text: string): number {
  const m =
    /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      text,
    );
  if (!m)
    throw new UsageError(
      `--now must be an ISO 8601 date or date-time (e.g. 2024-11-29T00:00:00Z), not '${text}'`,
    );
  const [, date, time, zone] = m as unknown as [
    string,
    string,
    string | undefined,
    string | undefined,
  ];
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  const [hh, mi, ss] = (time ?? '00:00:00').split(':').map(Number) as [
    number,
    number,
    number | undefined,
  ];
  if (
    day.getUTCFullYear() !== y ||
    day.getUTCMonth() !== mo - 1 ||
    day.getUTCDate() !== d ||
    hh > 23 ||
    mi > 59 ||
    (ss ?? 0) >= 60
  )
    throw new UsageError(`--now: not a valid date: '${text}'`);
  const iso =
    time === undefined
      ? `${date}T00:00:00Z`
      : `${date}T${time}${zone === undefined ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new UsageError(`--now: not a valid date: '${text}'`);
  return ms;
}

/** The host's CSPRNG as a RandomSource (53 bits per number). */
export function hostRandom(host: SetupHost): RandomSource {
  return {
    next: () => {
      const b = host.randomBytes(7);
      let v = 0;
      for (const byte of b) v = v * 256 + byte;
      return (v % 2 ** 53) / 2 ** 53;
    },
  };
}

/** The host's time zone for `timezone: host`: the resolved /etc/localtime and its name. */
export function hostTimezone(host: SetupHost): { name: string; localtimePath: string } | undefined {
  const localtimePath = host.realpath('/etc/localtime');
  if (localtimePath === undefined || !localtimePath.startsWith('/')) return undefined;
  const fromFile = host.readHostFile('/etc/timezone')?.split('\n')[0]?.trim();
  const m = /\/zoneinfo\/(.+)$/.exec(localtimePath);
  const name =
    fromFile !== undefined && fromFile !== '' ? fromFile : m ? (m[1] as string) : undefined;
  return name === undefined ? undefined : { name, localtimePath };
}
