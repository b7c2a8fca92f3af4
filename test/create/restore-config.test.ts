import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../../src/cli/main.js';
import { planRestoreConfig } from '../../src/create/index.js';
import { readArchiveMember } from '../../src/effects/index.js';
import { drand48 } from '../../src/random/drand48.js';
import { END, member, writeArchive } from './tar-writer.js';

const BACKUP = `# my container
arch: amd64
cores: 2
features: nesting=1
hostname: web1
memory: 1024
mp0: local:100/vm-100-disk-1.raw,mp=/srv,size=8G
net0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,ip=dhcp,type=veth
ostype: debian
rootfs: local:100/vm-100-disk-0.raw,size=4G
swap: 256
unprivileged: 1
unused0: local:100/vm-100-disk-9.raw
lxc.apparmor.profile: unconfined

[snap1]
hostname: old
`;

describe('planRestoreConfig', () => {
  const host = () => ({ random: drand48(3) });
  it('takes disk layout and keys from the backup; the caller wins; volume keys skipped', () => {
    const r = planRestoreConfig(
      { vmid: 200, backupConfig: BACKUP, options: { memory: '2048' } },
      host(),
    );
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
    const v = r.right.config.main.values;
    expect(v['rootfs']).toBe('local:200/vm-200-disk-0.raw,size=4G');
    expect(v['mp0']).toBe('local:200/vm-200-disk-1.raw,mp=/srv,size=8G');
    expect(v['memory']).toBe(2048);
    expect(v['cores']).toBe(2);
    expect(v['hostname']).toBe('web1');
    expect(v['unused0']).toBeUndefined();
    expect(v['unprivileged']).toBe(1);
    expect(v['net0']).toBe('name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,ip=dhcp,type=veth');
    expect(r.right.config.main.lxc).toEqual([['lxc.apparmor.profile', 'unconfined']]);
    expect(r.right.configText).not.toContain('[snap1]');
    expect(r.right.configText.startsWith('# my container\n')).toBe(true);
  });
  it('non-root: raw lxc lines skipped with a warning; unique: new MACs', () => {
    const r = planRestoreConfig(
      { vmid: 200, backupConfig: BACKUP, unique: true },
      { ...host(), root: false },
    );
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
    expect(r.right.config.main.lxc).toEqual([]);
    expect(r.right.diagnostics.map((d) => d.code)).toContain('RESTORE_LXC_SKIPPED');
    expect(r.right.config.main.values['net0']).not.toContain('BC:24:11:00:00:01');
  });
  it("Proxmox's errors: no config, no size, no rootfs", () => {
    const none = planRestoreConfig({ vmid: 1, backupConfig: undefined }, host());
    expect(E.isLeft(none) && none.left[0].proxmoxText).toBe(
      'ERROR: archive contains no configuration file\n',
    );
    expect(E.isLeft(none) && none.left[0].code).toBe('RESTORE_NO_CONFIG');
    const nosize = planRestoreConfig({ vmid: 1, backupConfig: 'rootfs: local:1/x.raw\n' }, host());
    expect(E.isLeft(nosize) && nosize.left[0].proxmoxText).toBe(
      'unable to detect disk size - please specify rootfs (size)\n',
    );
    expect(E.isLeft(nosize) && nosize.left[0].code).toBe('RESTORE_DISK_SIZE_UNKNOWN');
    const noroot = planRestoreConfig({ vmid: 1, backupConfig: 'memory: 5\n' }, host());
    expect(E.isLeft(noroot) && noroot.left[0].proxmoxText).toBe(
      'rootfs configuration could not be recovered, please check and specify manually!\n',
    );
    expect(E.isLeft(noroot) && noroot.left[0].code).toBe('RESTORE_ROOTFS_UNRECOVERABLE');
  });
  it('an OpenVZ backup is refused; a bind mount is skipped when not root', () => {
    const vz = planRestoreConfig(
      { vmid: 1, backupConfig: 'x\n', member: './etc/vzdump/vps.conf' },
      host(),
    );
    expect(E.isLeft(vz) && vz.left[0].code).toBe('RESTORE_OPENVZ_UNSUPPORTED');
    const bind = planRestoreConfig(
      {
        vmid: 1,
        backupConfig: 'rootfs: local:1/vm-1-disk-0.raw,size=4G\nmp0: /srv/data,mp=/data\n',
      },
      { ...host(), root: false },
    );
    expect(E.isRight(bind) && bind.right.diagnostics.map((d) => d.code)).toContain(
      'RESTORE_MOUNT_SKIPPED',
    );
  });
});

describe('readArchiveMember and pctkit restore-config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pctkit-restore-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('reads ./etc/vzdump/pct.conf from a compressed vzdump archive without extracting', async () => {
    const raw = join(dir, 'vzdump-lxc-100.tar');
    writeArchive(raw, [
      member({ name: './etc/', type: '5' }),
      member({ name: './etc/hostname' }, 'web1\n'),
      member({ name: './etc/vzdump/pct.conf' }, BACKUP),
      member({ name: './etc/vzdump/pct.conf' }, 'second\n'),
      END,
    ]);
    execFileSync('zstd', ['-q', '-f', raw, '-o', `${raw}.zst`]);
    const m = await readArchiveMember(`${raw}.zst`, 'zstd', (n) => n === './etc/vzdump/pct.conf');
    expect(E.isRight(m) && new TextDecoder().decode(m.right?.data)).toBe(BACKUP);
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => err.push(t),
      readFile: () => '',
      writeFile: () => undefined,
    };
    const code = await runCliAsync(
      ['restore-config', `${raw}.zst`, '--vmid', '300', '--seed', '1', '--hostname', 'new'],
      io,
    );
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    expect(out.join('')).toContain('hostname: new\n');
    expect(out.join('')).toContain('rootfs: local:300/vm-300-disk-0.raw,size=4G\n');
    const empty = join(dir, 'empty.tar');
    mkdirSync(join(dir, 'e'));
    writeFileSync(join(dir, 'e', 'x'), 'x');
    writeArchive(empty, [member({ name: './x' }, 'x'), END]);
    const code2 = await runCliAsync(['restore-config', empty], io);
    expect(code2).toBe(1);
    expect(err.join('')).toContain('ERROR: archive contains no configuration file');
  });
});
