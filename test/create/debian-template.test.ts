/**
 * Acceptance: a real minimal Debian template (mmdebstrap minbase, tar.zst; built once and cached by
 * test/support/debian-template.sh) extracted by pctkit matches GNU tar's extraction of the same
 * archive with Proxmox's flags — mode, owner (after the id map), symlink targets, hard-link
 * structure, xattrs, contents, mtimes — and then passes detection and the post-create setup.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planCreate, planPostCreate, proxmoxTarCommand } from '../../src/create/index.js';
import { applyPlanToRootfs, extractArchive, readRootfs } from '../../src/effects/index.js';
import { drand48 } from '../../src/random/drand48.js';
import { diffTrees, listTree } from './tree-compare.js';

const isRoot = process.getuid?.() === 0;
const inCi = process.env['CI'] !== undefined;
if (!isRoot && !inCi)
  console.log('debian-template: skipped outside CI: building the template needs root');
const run = isRoot || inCi ? describe : describe.skip;

/** `getfattr -R` once per tree: path (relative) → its xattrs, sorted. */
function xattrTree(root: string): Map<string, string> {
  let out: string;
  try {
    out = execFileSync(
      'getfattr',
      ['-R', '-h', '-d', '-m', '-', '-e', 'hex', '--absolute-names', root],
      {
        encoding: 'utf8',
        maxBuffer: 256 << 20,
      },
    );
  } catch (e) {
    out = String((e as { stdout?: string }).stdout ?? '');
  }
  const map = new Map<string, string>();
  for (const block of out.split('\n\n')) {
    const lines = block.split('\n').filter((l) => l !== '');
    const head = lines[0];
    if (head === undefined || !head.startsWith('# file: ')) continue;
    const rel = head.slice(8).slice(root.length) || '/';
    map.set(rel, lines.slice(1).sort().join(';'));
  }
  return map;
}

run('a container from a real Debian template', () => {
  let template: string;
  let work: string;
  let gnu: string;
  let ours: string;
  beforeAll(() => {
    template = execFileSync('bash', ['test/support/debian-template.sh', '--install-deps'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 1_800_000,
    }).trim();
    work = mkdtempSync(join(tmpdir(), 'pctkit-template-'));
    gnu = join(work, 'gnu');
    ours = join(work, 'ours');
    execFileSync('mkdir', [gnu, ours]);
  }, 1_900_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('extracts like GNU tar with Proxmox flags, then detects and sets up', async () => {
    const plan = planCreate(
      {
        vmid: 100,
        template,
        options: { hostname: 'tmpl-test', net0: 'name=eth0,bridge=vmbr0,ip=dhcp' },
      },
      { random: drand48(1) },
    );
    if (E.isLeft(plan)) throw new Error(JSON.stringify(plan.left));
    const p = plan.right;
    // GNU tar as Proxmox runs it, minus the user namespace (root here): owners compared mapped.
    const argv = proxmoxTarCommand(p.extraction.compression, [], gnu);
    execFileSync('sh', ['-c', `${argv.map((a) => `'${a}'`).join(' ')} < "$0"`, template], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const r = await extractArchive({
      archive: template,
      compression: p.extraction.compression,
      target: ours,
      idMap: p.idMap,
    });
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left.slice(0, 5)));
    expect(r.right.errors).toBe(0);
    expect(r.right.members).toBeGreaterThan(1000);

    const a = listTree(ours);
    const b = listTree(gnu);
    // Proxmox's tar runs in the CT's user namespace: ct id N is host id 100000 + N.
    const shifted = new Map(
      [...b].map(([k, v]) => [k, { ...v, uid: v.uid + 100000, gid: v.gid + 100000 }] as const),
    );
    // `/` is the target directory itself, which neither extraction touches (--skip-old-files).
    const diffs = diffTrees(a, shifted, (path) => path === '/');
    expect(diffs).toEqual([]);
    const xa = xattrTree(ours);
    const xb = xattrTree(gnu);
    expect([...xa]).toEqual([...xb]);

    // Detection and the post-create setup on the extracted tree.
    const snap = readRootfs(ours);
    if (E.isLeft(snap)) throw new Error(snap.left[0].message);
    const post = planPostCreate(p, {
      snapshot: snap.right,
      now: 1_700_000_000,
      random: drand48(0),
      uuid: () => '00000000-0000-4000-8000-000000000000',
      hostDns: { nameservers: ['192.0.2.53'], searchdomains: ['example.org'] },
    });
    if (E.isLeft(post)) throw new Error(JSON.stringify(post.left));
    const osRelease = readFileSync(join(ours, 'etc/os-release'), 'utf8');
    const versionId = /^VERSION_ID="?(\d+)/m.exec(osRelease)?.[1];
    expect(post.right.detection.type).toBe('debian');
    expect(String(post.right.detection.version)).toBe(versionId);
    expect(post.right.config.main.values['ostype']).toBe('debian');
    expect(post.right.config.main.values['arch']).toBe(
      execFileSync('dpkg', ['--print-architecture'], { encoding: 'utf8' }).trim(),
    );
    const applied = applyPlanToRootfs(ours, post.right.setup.operations, { snapshot: snap.right });
    if (E.isLeft(applied)) throw new Error(applied.left[0].message);
    expect(readFileSync(join(ours, 'etc/hostname'), 'utf8')).toBe('tmpl-test\n');
    expect(readFileSync(join(ours, 'etc/resolv.conf'), 'utf8')).toContain('nameserver 192.0.2.53');
    const hosts = execFileSync('chroot', [ours, 'getent', 'hosts', 'tmpl-test'], {
      encoding: 'utf8',
    });
    expect(hosts).toMatch(/tmpl-test/);
    expect(readFileSync(join(ours, 'etc/shadow'), 'utf8')).toMatch(/^root:\*:/m);
  }, 600_000);
});
