/** The CLI commands of src/cli/ops-commands.ts, on an in-memory file system. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args.js';
import type { CliIo } from '../../src/cli/io.js';
import { opsUsage, runPendingCommand, runSetCommand, runSnapshotCommand } from '../../src/cli/ops-commands.js';

function memoryIo(files: Record<string, string>): CliIo & { out: string; err: string; writes: string[] } {
  const io = {
    out: '',
    err: '',
    writes: [] as string[],
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readFile: (p: string) => {
      const t = files[p];
      if (t === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return t;
    },
    writeFile: (p: string, t: string) => {
      files[p] = t;
      io.writes.push(p);
    },
  };
  return io;
}

const CONF = '# hand written\nmemory: 512\nswap: 512\nhostname: ct\nrootfs: local:100/vm-100-disk-0.raw,size=8G\nnet0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01\n';

describe('pctkit config set', () => {
  it('stopped: applies, prints actions and pending, writes canonically', () => {
    const files = { '/x/100.conf': CONF };
    const io = memoryIo(files);
    expect(runSetCommand(io, ['/x/100.conf', '--memory', '1024', '--delete', 'swap'])).toBe(0);
    expect(io.out).toBe('actions: none\npending: none\n');
    expect(files['/x/100.conf']).toBe('# hand written\nhostname: ct\nmemory: 1024\nnet0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01\nrootfs: local:100/vm-100-disk-0.raw,size=8G\n');
  });

  it('running with --preserve-format: hotplugs memory, keeps the rest pending, edits minimally', () => {
    const files = { '/x/100.conf': CONF };
    const io = memoryIo(files);
    expect(runSetCommand(io, ['/x/100.conf', '--memory', '1024', '--nameserver', '1.1.1.1,8.8.8.8', '--running', '--preserve-format'])).toBe(0);
    expect(io.out).toBe(
      'actions:\n  memory: memory.max=1073741824 memory.high=1065353216 memory.swap.max=536870912 (memory 1024 MiB, swap 512 MiB)\n' +
        'pending:\n  nameserver: (unset) -> 1.1.1.1 8.8.8.8\n',
    );
    expect(files['/x/100.conf']).toBe(CONF.replace('memory: 512', 'memory: 1024') + '\n[pve:pending]\nnameserver: 1.1.1.1 8.8.8.8\n');
  });

  it('a new NIC gets a random MAC with the datacenter prefix', () => {
    const files = { '/x/100.conf': CONF };
    const io = memoryIo(files);
    expect(runSetCommand(io, ['/x/100.conf', '--net1', 'name=eth1,bridge=vmbr0', '--running', '--dry-run'])).toBe(0);
    expect(io.out).toMatch(/^actions:\n {2}net1: add NIC name=eth1,bridge=vmbr0,hwaddr=BC:24:11:[0-9A-F]{2}:[0-9A-F]{2}:[0-9A-F]{2},type=veth\n/);
    expect(io.writes).toEqual([]);
  });

  it('invalid values: exit 1, message names the keys, file untouched', () => {
    const files = { '/x/100.conf': CONF };
    const io = memoryIo(files);
    expect(runSetCommand(io, ['/x/100.conf', '--memory', '1', '--tty', '9'])).toBe(1);
    expect(io.err).toBe('Parameter verification failed.\nmemory: value must have a minimum value of 16\ntty: value must have a maximum value of 6\n');
    expect(io.writes).toEqual([]);
  });

  it('usage errors', () => {
    const io = memoryIo({});
    expect(() => runSetCommand(io, ['/x/100.conf'])).toThrow(UsageError);
    expect(() => runSetCommand(io, ['/x/100.conf', '--bogus', '1'])).toThrow(UsageError);
    expect(() => runSetCommand(io, ['--memory', '5'])).toThrow(UsageError);
    expect(runSetCommand(io, ['/nope/1.conf', '--memory', '64'])).toBe(1);
  });
});

describe('pctkit config pending', () => {
  const PENDING = 'memory: 512\nnet0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01\n\n[pve:pending]\nmemory: 1024\ndelete: net0\n';

  it('lists, applies and reverts', () => {
    const files = { '/x/101.conf': PENDING };
    let io = memoryIo(files);
    expect(runPendingCommand(io, ['/x/101.conf'])).toBe(0);
    expect(io.out).toBe('actions: none\npending:\n  memory: 512 -> 1024\n  delete net0\n');
    io = memoryIo(files);
    expect(runPendingCommand(io, ['/x/101.conf', '--apply'])).toBe(0);
    expect(io.out).toBe('actions:\n  net0: release IPAM entries of name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01\npending: none\n');
    expect(files['/x/101.conf']).toBe('memory: 1024\n');
    files['/x/101.conf'] = PENDING;
    expect(runPendingCommand(memoryIo(files), ['/x/101.conf', '--revert'])).toBe(0);
    expect(files['/x/101.conf']).toBe('memory: 512\nnet0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01\n');
    expect(() => runPendingCommand(memoryIo(files), ['/x/101.conf', '--apply', '--revert'])).toThrow(UsageError);
  });
});

describe('pctkit snapshot', () => {
  const SNAP = 'memory: 512\nrootfs: local:100/vm-100-disk-0.raw,size=8G\n';

  it('create reports the volume operations and writes the committed snapshot', () => {
    const files = { '/x/102.conf': SNAP };
    const io = memoryIo(files);
    expect(runSnapshotCommand(io, ['create', '/x/102.conf', 'before', '--comment', 'pre upgrade'], () => 1700000000)).toBe(0);
    expect(io.out).toBe('would activate storage of local:100/vm-100-disk-0.raw\nwould snapshot local:100/vm-100-disk-0.raw as \'before\'\n');
    expect(files['/x/102.conf']).toBe(SNAP.replace('memory: 512\n', 'memory: 512\nparent: before\n') + '\n[before]\n#pre upgrade\nmemory: 512\nrootfs: local:100/vm-100-disk-0.raw,size=8G\nsnaptime: 1700000000\n');
    const del = memoryIo(files);
    expect(runSnapshotCommand(del, ['delete', '/x/102.conf', 'before'])).toBe(0);
    expect(files['/x/102.conf']).toBe(SNAP);
  });

  it('fails with Proxmox messages', () => {
    const files = { '/x/103.conf': SNAP };
    const io = memoryIo(files);
    expect(runSnapshotCommand(io, ['rollback', '/x/103.conf', 'nope'])).toBe(1);
    expect(io.err).toBe("snapshot 'nope' does not exist\n");
    expect(io.writes).toEqual([]);
    expect(runSnapshotCommand(memoryIo(files), ['create', '/x/103.conf', 'vzdump'])).toBe(1);
    expect(() => runSnapshotCommand(memoryIo(files), ['create', '/x/103.conf'])).toThrow(UsageError);
    expect(() => runSnapshotCommand(memoryIo(files), ['bogus'])).toThrow(UsageError);
  });

  it('documents itself', () => {
    expect(opsUsage).toContain('pctkit config set FILE');
    expect(opsUsage).toContain('pctkit snapshot create|delete|rollback FILE NAME');
  });
});
