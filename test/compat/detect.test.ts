/**
 * Runs detectOs on every row of pve-vectors/detect.jsonl (the os-release corpus, with and without
 * a wrong configured ostype) and detect-arch.jsonl (synthetic /bin/sh and /sbin/init files), and
 * compares every recorded field with what Proxmox's own code produced.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  type DetectConfig,
  type Detection,
  type DetectionError,
  detectOs,
} from '../../src/os/detect.js';
import { type FsSnapshot, fsSnapshotFromEntries } from '../../src/os/fs-snapshot.js';
import { loadOsReleaseTree } from '../support/load-tree.js';
import { readSharedJsonl } from '../support/shared.js';

interface VectorRow {
  tree: string;
  row?: string;
  case?: string;
  note?: string;
  config: string;
  ok: boolean;
  error?: string;
  type?: string;
  plugin_attempted?: string;
  plugin?: string;
  version?: number | string | null;
  devuan_version?: string;
  conf_ostype: string | null;
  conf_arch: string | null;
  stdout: string;
  stderr: string;
  os_release: Record<string, string>;
  files?: { path: string; b64?: string; mode?: string; symlink?: string }[];
}

/** The `key: value` lines of a vector's config (only ostype and arch matter here). */
function configOf(text: string): DetectConfig {
  const conf: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^(\w+):\s*(.*?)\s*$/.exec(line);
    if (m) conf[m[1] as string] = m[2] as string;
  }
  return {
    ...(conf['ostype'] === undefined ? {} : { ostype: conf['ostype'] }),
    ...(conf['arch'] === undefined ? {} : { arch: conf['arch'] }),
  };
}

/** The same fields the vectors record, computed from a detectOs result. */
function observed(result: E.Either<readonly [DetectionError], Detection>): Record<string, unknown> {
  if (E.isLeft(result)) {
    const [e] = result.left;
    return {
      ok: false,
      error: e.proxmoxText,
      type: e.type,
      plugin_attempted: e.pluginClass,
      conf_ostype: e.config.ostype ?? null,
      conf_arch: e.config.arch ?? null,
      stdout: e.stdout.join(''),
      stderr: e.stderr.join(''),
      os_release: Object.fromEntries(e.osRelease),
    };
  }
  const d = result.right;
  return {
    ok: true,
    type: d.type,
    plugin_attempted: d.pluginClass,
    plugin: d.pluginClass,
    ...(d.version === undefined ? {} : { version: d.version }),
    ...(d.devuanVersion === undefined ? {} : { devuan_version: d.devuanVersion }),
    conf_ostype: d.config.ostype,
    conf_arch: d.config.arch,
    stdout: d.stdout.join(''),
    stderr: d.stderr.join(''),
    os_release: Object.fromEntries(d.osRelease),
  };
}

/** The recorded fields of a vector row, in the shape of {@link observed}. */
function expected(row: VectorRow): Record<string, unknown> {
  const optional = [
    'error',
    'type',
    'plugin_attempted',
    'plugin',
    'version',
    'devuan_version',
  ] as const;
  const out: Record<string, unknown> = { ok: row.ok };
  for (const k of optional) if (row[k] !== undefined) out[k] = row[k];
  return {
    ...out,
    conf_ostype: row.conf_ostype,
    conf_arch: row.conf_arch,
    stdout: row.stdout,
    stderr: row.stderr,
    os_release: row.os_release,
  };
}

/** A tree plus the synthetic files of a detect-arch row. */
function withFiles(base: FsSnapshot, files: NonNullable<VectorRow['files']>): FsSnapshot {
  const entries = [...base.entries];
  for (const f of files) {
    const path = `/${f.path}`;
    if (f.symlink !== undefined)
      entries.push([path, { kind: 'symlink', target: f.symlink, uid: 0, gid: 0 }]);
    else {
      const content = new Uint8Array(Buffer.from(f.b64 ?? '', 'base64'));
      entries.push([
        path,
        { kind: 'file', content, mode: Number.parseInt(f.mode ?? '644', 8), uid: 0, gid: 0 },
      ]);
    }
  }
  return fsSnapshotFromEntries(entries);
}

const trees = new Map<string, FsSnapshot>();
const treeSnapshot = (tree: string): FsSnapshot => {
  let s = trees.get(tree);
  if (!s) trees.set(tree, (s = loadOsReleaseTree(tree)));
  return s;
};

const detectRows = readSharedJsonl<VectorRow>('pve-vectors', 'detect.jsonl');
const archRows = readSharedJsonl<VectorRow>('pve-vectors', 'detect-arch.jsonl');

describe('detect.jsonl (PVE::LXC::Setup->new on the os-release corpus)', () => {
  it('has the documented number of rows', () => {
    expect(detectRows).toHaveLength(164);
  });
  it.each(detectRows.map((r) => [`${r.tree} ${r.row}`, r] as const))('%s', (_name, row) => {
    const result = detectOs(treeSnapshot(row.tree), configOf(row.config));
    expect(observed(result)).toEqual(expected(row));
  });
});

describe('detect-arch.jsonl (architecture detection)', () => {
  it('has the documented number of rows', () => {
    expect(archRows).toHaveLength(27);
  });
  it.each(archRows.map((r) => [r.case as string, r] as const))('%s', (_name, row) => {
    const snapshot = withFiles(treeSnapshot(row.tree), row.files ?? []);
    const result = detectOs(snapshot, configOf(row.config));
    expect(observed(result)).toEqual(expected(row));
  });
});
