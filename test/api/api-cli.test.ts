import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../support/shared.js';
import { getConfigVectors, getPendingVectors, pctConfigVectors } from './api-vectors.js';
import { runCaptured, type CliRun } from '../support/run-cli.js';

const run = (args: string[]): CliRun => runCaptured(args);

function temp(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pctkit-api-')), name);
  writeFileSync(file, text);
  return file;
}

const inputPath = (input: string): string => sharedPath(...input.split('/'));

describe('pctkit config show: pct config vectors', () => {
  it.each(
    pctConfigVectors().map(
      (v) => [`${v.group}/${v.name}${v.current ? ' --current' : ''}`, v] as const,
    ),
  )('%s', (_l, v) => {
    const r = run([
      'config',
      'show',
      v.inputPath,
      '--vmid',
      String(v.vmid),
      ...(v.current ? ['--current'] : []),
    ]);
    expect(r.out).toBe(v.stdout);
    expect(r.err).toBe(v.stderr ?? '');
    expect(r.code).toBe(v.stderr === undefined ? 0 : 1);
  });
});

describe('pctkit config show --json: GET vectors', () => {
  it.each(getConfigVectors().map((v) => [`${v.input} ${JSON.stringify(v.query)}`, v] as const))(
    '%s',
    (_l, v) => {
      const query = [
        ...(v.query.current === 1 ? ['--current'] : []),
        ...(v.query.snapshot !== undefined ? ['--snapshot', v.query.snapshot] : []),
      ];
      const r = run([
        'config',
        'show',
        inputPath(v.input),
        '--json',
        '--vmid',
        String(v.vmid),
        ...query,
      ]);
      if (v.error !== undefined) {
        expect(r.code).toBe(1);
        expect(r.out).toBe('');
        const lines =
          v.errors === undefined
            ? ''
            : Object.entries(v.errors)
                .sort()
                .map(([k, m]) => `${k}: ${m}\n`)
                .join('');
        expect(r.err).toBe(`${v.code !== undefined ? `${v.code} ` : ''}${v.error}${lines}`);
        return;
      }
      expect(r.code).toBe(0);
      // Value and type: the printed JSON is the vector's (keys sorted on both sides).
      expect(r.out).toBe(JSON.stringify(v.data) + '\n');
    },
  );

  it.each(getPendingVectors().map((v) => [v.input, v] as const))('--pending %s', (_l, v) => {
    const r = run(['config', 'show', inputPath(v.input), '--pending', '--json']);
    expect(r.code).toBe(0);
    const norm = (items: unknown[]): string[] =>
      items
        .map((i) => JSON.stringify(Object.fromEntries(Object.entries(i as object).sort())))
        .sort();
    expect(norm(JSON.parse(r.out) as unknown[])).toEqual(norm(v.data as unknown[]));
  });

  it('prints a snapshot as pct config --snapshot does, and Proxmox errors for unknown ones', () => {
    const file = sharedPath('pve-vectors', 'api', 'inputs', 'snapshots-descr.conf');
    const r = run(['config', 'show', file, '--snapshot', 'second']);
    expect(r).toEqual({
      code: 0,
      out: 'arch: amd64\ndescription: second%0Asnapshot\nhostname: snapper\nmemory: 2048\nostype: debian\nparent: first\nrootfs: local-lvm:vm-908-disk-0,size=8G\nsnaptime: 1695000000\n',
      err: '',
    });
    expect(run(['config', 'show', file, '--snapshot', 'nope'])).toEqual({
      code: 1,
      out: '',
      err: "snapshot 'nope' does not exist\n",
    });
  });

  it('takes the vmid from the file name, and refuses --pending with --current', () => {
    const file = temp('123.conf', 'memory: 512\n');
    expect(run(['config', 'show', file])).toEqual({ code: 0, out: 'memory: 512\n', err: '' });
    expect(run(['config', 'show', file, '--pending', '--current']).code).toBe(2);
    expect(run(['config', 'show', join(file, 'missing')]).code).toBe(1);
  });
});

describe('pctkit api diff', () => {
  const current = temp(
    '101.conf',
    'memory: 512\nswap: 512\nnet0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:AA:BB:CC,ip=dhcp,type=veth\n',
  );
  const desired = temp(
    'desired.conf',
    "memory: 1024\nnet0: name=eth0,bridge=vmbr0,ip=dhcp\n#it's mine\n",
  );

  it('prints the request as JSON, with the digest', () => {
    const r = run(['api', 'diff', current, desired]);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out) as Record<string, string>;
    expect(body).toMatchObject({ description: "it's mine\n", memory: '1024', delete: 'swap' });
    expect(body['digest']).toMatch(/^[0-9a-f]{40}$/);
  });

  it('prints a pvesh or pct command line, quoting for the shell', () => {
    const pvesh = run(['api', 'diff', current, desired, '--format', 'pvesh', '--node', 'pve1']);
    expect(pvesh.out).toMatch(
      /^pvesh set \/nodes\/pve1\/lxc\/101\/config --description 'it'\\''s mine\n' --memory 1024 --delete swap --digest [0-9a-f]{40}\n$/,
    );
    const pct = run(['api', 'diff', current, desired, '--format', 'pct']);
    expect(pct.out).toMatch(/^pct set 101 --description/);
  });

  it('takes GET data JSON, reports conflicts on stderr and exits 1', () => {
    const data = temp(
      'data.json',
      JSON.stringify({
        data: { memory: 512, unprivileged: 1, lxc: [['lxc.apparmor.profile', 'unconfined']] },
      }),
    );
    const r = run(['api', 'diff', current, data]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('warning: lxc: raw lxc.* lines differ');
    expect(JSON.parse(r.out)).toMatchObject({ delete: 'net0,swap' });
  });

  it('refuses a NUL byte on a command line, bad JSON and unknown formats', () => {
    const env = temp(
      'env.json',
      JSON.stringify({
        memory: 512,
        swap: 512,
        net0: 'name=eth0,bridge=vmbr0,hwaddr=BC:24:11:AA:BB:CC,ip=dhcp,type=veth',
        env: 'A=1\u0000B=2',
      }),
    );
    const r = run(['api', 'diff', current, env, '--format', 'pct']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('NUL');
    expect(run(['api', 'diff', current, temp('bad.json', '{x')]).code).toBe(1);
    expect(run(['api', 'diff', current, desired, '--format', 'yaml']).code).toBe(2);
    expect(run(['api', 'nope']).code).toBe(2);
    expect(run(['api', 'diff', current, current, '--format', 'pct'])).toEqual({
      code: 0,
      out: '',
      err: '',
    });
  });
});
