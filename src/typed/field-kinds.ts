/**
 * The kinds of value a property-string field holds, each with its typed shape (io-ts), its
 * conversion from the value Proxmox's parser returns, and its canonical text. A field kind never
 * validates: validation is the schema's (the parser only converts values that passed it).
 */
import * as t from 'io-ts/lib/index.js';
import { formatSize, parseSize } from '../schema/disk-size.js';
import type { PropertyValue } from '../schema/property-schema.js';

/** What a field kind is called in the docs. */
export type FieldKindName =
  | 'string'
  | 'boolean'
  | 'integer'
  | 'number'
  | 'disk-size'
  | 'string-list'
  | 'integer-list'
  | 'ipv4-config'
  | 'ipv6-config'
  | 'idmap'
  | 'literal';

/** A field kind: typed shape plus conversions (see the module comment). */
export interface FieldKind<V> {
  readonly name: FieldKindName;
  /** The TypeScript type of the typed value, as the docs show it. */
  readonly typeText: string;
  readonly shape: t.Type<V, V, unknown>;
  /** From the value `parse_property_string` returns (booleans as 0/1, the rest text). */
  readonly fromValue: (value: PropertyValue) => V;
  /** The canonical text Proxmox would print for the value. */
  readonly toText: (value: V) => string;
  /** The value as `parse_property_string` would return it for the canonical text. */
  readonly toValue: (value: V) => PropertyValue;
  /** Sizes are always printed from the typed value (Proxmox's `print_volume` uses `format_size`). */
  readonly canonicalOnly?: boolean;
}

/** Structural equality of JSON-like typed values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** Free text. */
export const stringKind: FieldKind<string> = {
  name: 'string',
  typeText: 'string',
  shape: t.string,
  fromValue: String,
  toText: (v) => v,
  toValue: (v) => v,
};

/** A boolean (`parse_boolean` spellings in the text, printed `0`/`1`). */
export const booleanKind: FieldKind<boolean> = {
  name: 'boolean',
  typeText: 'boolean',
  shape: t.boolean,
  fromValue: (v) => v === 1 || v === '1',
  toText: (v) => (v ? '1' : '0'),
  toValue: (v) => (v ? 1 : 0),
};

/** An integer (`+5` and `007` read as 5 and 7; their text is kept in `raw`). */
export const integerKind: FieldKind<number> = {
  name: 'integer',
  typeText: 'number',
  shape: t.number,
  fromValue: (v) => Number(v),
  toText: (v) => String(v),
  toValue: (v) => String(v),
};

/** A number (`is_number`: sign, decimals, exponent). */
export const numberKind: FieldKind<number> = { ...integerKind, name: 'number' };

/** A `disk-size`, as bytes (`parse_size`); printed with `format_size` (`1024M` → `1G`). */
export const diskSizeKind: FieldKind<number> = {
  name: 'disk-size',
  typeText: 'number (bytes)',
  shape: t.number,
  fromValue: (v) => parseSize(String(v)) ?? Number.NaN,
  toText: (v) => formatSize(v),
  toValue: (v) => formatSize(v),
  canonicalOnly: true,
};

/** A `;`-separated list of strings (every item kept, empty ones too). */
export const stringListKind: FieldKind<readonly string[]> = {
  name: 'string-list',
  typeText: 'string[]',
  shape: t.readonlyArray(t.string),
  fromValue: (v) => String(v).split(';'),
  toText: (v) => v.join(';'),
  toValue: (v) => v.join(';'),
};

/** A `;`-separated list of integers (VLAN trunks). */
export const integerListKind: FieldKind<readonly number[]> = {
  name: 'integer-list',
  typeText: 'number[]',
  shape: t.readonlyArray(t.number),
  fromValue: (v) => String(v).split(';').map(Number),
  toText: (v) => v.join(';'),
  toValue: (v) => v.join(';'),
};

/** A literal (a one-value enum such as the NIC `type`, `veth`). */
export function literalKind<L extends string>(value: L): FieldKind<L> {
  return {
    name: 'literal',
    typeText: `'${value}'`,
    shape: t.literal(value),
    fromValue: () => value,
    toText: (v) => v,
    toValue: (v) => v,
  };
}

/** An address in CIDR notation, `{ cidr: '10.0.0.5/24' }`. */
export const CidrAddress = t.readonly(t.type({ cidr: t.string }), 'CidrAddress');
/** An address in CIDR notation, `{ cidr: '10.0.0.5/24' }`. */
export type CidrAddress = t.TypeOf<typeof CidrAddress>;

export const Ipv4Config = t.union([t.literal('dhcp'), t.literal('manual'), CidrAddress], 'Ipv4Config');
/** `pve-ipv4-config`: `dhcp`, `manual` or a static address `{ cidr }`. */
export type Ipv4Config = t.TypeOf<typeof Ipv4Config>;

export const Ipv6Config = t.union([t.literal('auto'), t.literal('dhcp'), t.literal('manual'), CidrAddress], 'Ipv6Config');
/** `pve-ipv6-config`: `auto` (SLAAC), `dhcp`, `manual` or a static address `{ cidr }`. */
export type Ipv6Config = t.TypeOf<typeof Ipv6Config>;

function addressText(v: string | CidrAddress): string {
  return typeof v === 'string' ? v : v.cidr;
}

/** IPv4 configuration of a NIC. */
export const ipv4ConfigKind: FieldKind<Ipv4Config> = {
  name: 'ipv4-config',
  typeText: "'dhcp' | 'manual' | { cidr: string }",
  shape: Ipv4Config,
  fromValue: (v) => (v === 'dhcp' || v === 'manual' ? v : { cidr: String(v) }),
  toText: addressText,
  toValue: addressText,
};

/** IPv6 configuration of a NIC. */
export const ipv6ConfigKind: FieldKind<Ipv6Config> = {
  name: 'ipv6-config',
  typeText: "'auto' | 'dhcp' | 'manual' | { cidr: string }",
  shape: Ipv6Config,
  fromValue: (v) => (v === 'auto' || v === 'dhcp' || v === 'manual' ? v : { cidr: String(v) }),
  toText: addressText,
  toValue: addressText,
};

/** One entry of a mount point's `idmap`: `u:<container id>:<disk id>:<count>`. */
export const MountIdmapEntry = t.readonly(
  t.type({ type: t.union([t.literal('u'), t.literal('g')]), container: t.number, disk: t.number, count: t.number }),
  'MountIdmapEntry',
);
/** One entry of a mount point's `idmap`: `u:<container id>:<disk id>:<count>`. */
export type MountIdmapEntry = t.TypeOf<typeof MountIdmapEntry>;

export const MountIdmap = t.union([t.literal('passthrough'), t.readonlyArray(MountIdmapEntry)], 'MountIdmap');
/** A mount point's `idmap`: `passthrough` or its entries. */
export type MountIdmap = t.TypeOf<typeof MountIdmap>;

function idmapText(v: MountIdmap): string {
  if (typeof v === 'string') return v;
  return v.map((e) => `${e.type}:${e.container}:${e.disk}:${e.count}`).join(';');
}

/** A mount point's `idmap`. */
export const idmapKind: FieldKind<MountIdmap> = {
  name: 'idmap',
  typeText: "'passthrough' | { type: 'u' | 'g'; container: number; disk: number; count: number }[]",
  shape: MountIdmap,
  fromValue: (v) => {
    const text = String(v);
    if (text === 'passthrough') return text;
    return text.split(';').map((entry) => {
      const [type, container, disk, count] = entry.split(':');
      return { type: type === 'g' ? 'g' : 'u', container: Number(container), disk: Number(disk), count: Number(count) };
    });
  },
  toText: idmapText,
  toValue: idmapText,
};
