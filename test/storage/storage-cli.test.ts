import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { sortedJson } from '../../src/storage/index.js';
import { storageCases } from './vectors.js';

/** Runs the CLI in-process on in-memory files. */
function run(
  args: string[],
  files: Record<string, string> = {},
): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: (p) => {
      if (!(p in files)) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return files[p] as string;
    },
    writeFile: () => {
      throw new Error('storage commands write nothing');
    },
  };
  const code = runCli(args, io);
  return { code, out, err };
}

describe('pctkit storage: the vectors through the CLI', () => {
  for (const c of storageCases) {
    it(`${c.name}`, () => {
      const files = { '/etc/pve/storage.cfg': c.storageCfg };
      const json = run(['storage', 'json', '/etc/pve/storage.cfg'], files);
      expect(json).toStrictEqual({
        code: 0,
        out: sortedJson({ ids: c.ids, order: c.order, warnings: c.warnings }) + '\n',
        err: '',
      });
      for (const p of c.paths) {
        const snap = p.snapshot === null ? [] : ['--snapshot', p.snapshot];
        const plain = run(['storage', 'path', '/etc/pve/storage.cfg', p.volid, ...snap], files);
        const asJson = run(
          ['storage', 'path', '/etc/pve/storage.cfg', p.volid, ...snap, '--json'],
          files,
        );
        if (p.error !== undefined) {
          expect(plain, p.volid).toStrictEqual({ code: 1, out: '', err: p.error });
          expect(asJson, p.volid).toStrictEqual({ code: 1, out: '', err: p.error });
        } else {
          expect(plain, p.volid).toStrictEqual({ code: 0, out: `${p.path as string}\n`, err: '' });
          expect(asJson.code).toBe(0);
          expect(asJson.err).toBe('');
          expect(JSON.parse(asJson.out)).toStrictEqual({
            path: p.path,
            owner: p.owner,
            vtype: p.vtype,
          });
          expect(asJson.out).toBe(
            sortedJson({ path: p.path, owner: p.owner, vtype: p.vtype }) + '\n',
          );
        }
      }
    });
  }
});

describe('pctkit storage: usage and inputs', () => {
  it('rbd: a placeholder and a notice without --ceph-fsid, the real path with it', () => {
    const files = { s: 'rbd: ceph\n\tpool vms\n\tcontent rootdir\n' };
    expect(run(['storage', 'path', 's', 'ceph:vm-100-disk-0'], files)).toStrictEqual({
      code: 0,
      out: '/dev/rbd-pve/<fsid>/vms/vm-100-disk-0\n',
      err: "pctkit: notice: the path of an rbd volume needs the Ceph cluster's fsid (storage 'ceph'): '<fsid>' stands for it\n",
    });
    expect(
      run(['storage', 'path', 's', 'ceph:vm-100-disk-0', '--ceph-fsid', 'abc'], files),
    ).toStrictEqual({
      code: 0,
      out: '/dev/rbd-pve/abc/vms/vm-100-disk-0\n',
      err: '',
    });
  });

  it('a missing file exits 1; bad usage exits 2', () => {
    expect(run(['storage', 'json', 'nope'])).toStrictEqual({
      code: 1,
      out: '',
      err: 'pctkit: nope: cannot read: no such file\n',
    });
    expect(run(['storage', 'path', 'nope', 'local:iso/x.iso']).code).toBe(1);
    for (const args of [
      ['storage'],
      ['storage', 'frob'],
      ['storage', 'json'],
      ['storage', 'path', 'x'],
      ['storage', 'path', 'x', 'y', '--bogus'],
    ])
      expect(run(args).code, args.join(' ')).toBe(2);
  });

  it('a type pctkit does not model exits 1 with its own message', () => {
    const r = run(['storage', 'path', 's', 'pb:backup/x'], {
      s: 'pbs: pb\n\tserver s\n\tdatastore d\n',
    });
    expect(r).toStrictEqual({
      code: 1,
      out: '',
      err: "pctkit: volume paths on storage type 'pbs' are not modelled by pctkit\n",
    });
  });
});
