/**
 * Where a diagnostic's message is Proxmox's text, it is that text by the one rule of
 * `messageOfProxmoxText`: one line, however many lines Proxmox's text has, while `proxmoxText`
 * keeps every line. One case per layer that builds such messages from a multi-line text.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/reader.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { proxmoxTextOf } from '../../src/diagnostics/diagnostic.js';
import { applyApiUpdate } from '../../src/api/apply-update.js';
import { createConfig } from '../../src/create/create-config.js';
import { applyPending } from '../../src/ops/apply-pending.js';
import { setConfig } from '../../src/ops/set-config.js';
import { checkSetupConfig } from '../../src/setup/setup-input-check.js';
import { planMounts } from '../../src/start/mount-plan.js';
import { parseStorageConfig } from '../../src/storage/index.js';
import { drand48 } from '../../src/random/drand48.js';

const BAD_MAC = 'invalid format - value does not look like a valid unicast MAC address';
const BAD_SIZE = 'invalid format - value does not look like a valid disk size: abc';

function lefts<C extends string>(r: E.Either<readonly Diagnostic<C>[], unknown>): Diagnostic<C>[] {
  return E.isLeft(r) ? [...r.left] : [];
}

describe('messages made from multi-line Proxmox texts are one line', () => {
  it('setConfig: SET_PARAMETER_INVALID of a property string', () => {
    const config = readConfig('hostname: a\n').config;
    const r = setConfig(config, { set: { net0: 'name=eth0,hwaddr=xx' }, running: false });
    const [d] = lefts(r);
    expect(d?.message).toBe(`net0: invalid format - format error hwaddr: ${BAD_MAC}`);
    expect(proxmoxTextOf(lefts(r))).toBe(
      `Parameter verification failed.\nnet0: invalid format - format error\nhwaddr: ${BAD_MAC}\n`,
    );
  });

  it('applyPending: PENDING_NOT_APPLIED with the parser’s multi-line error', () => {
    const config = readConfig('hostname: a\n\n[pve:pending]\nnet1: name=eth1,hwaddr=zz\n').config;
    const d = applyPending(config, {}).diagnostics.find((x) => x.path === 'net1');
    expect(d?.message).toBe(
      `unable to apply pending change net1 : format error hwaddr: ${BAD_MAC}`,
    );
    expect(d?.proxmoxText).toBe(
      `unable to apply pending change net1 : format error\nhwaddr: ${BAD_MAC}\n\n`,
    );
  });

  it('checkSetupConfig: SETUP_CONFIG_VALUE_REFUSED', () => {
    const [d] = checkSetupConfig(readConfig('net0: name=eth0,hwaddr=xx\n').config.main);
    expect(d?.message).toBe(
      `net0: invalid format - format error hwaddr: ${BAD_MAC} (pct set refuses this value)`,
    );
  });

  it('createConfig: CREATE_INVALID_VOLUME', () => {
    const r = createConfig(
      { vmid: 100, template: 'local:vztmpl/x.tar.zst', options: { mp0: 'local:1,mp=/a,size=abc' } },
      { random: drand48(1) },
    );
    const d = lefts(r).find((x) => x.code === 'CREATE_INVALID_VOLUME');
    expect(d?.message).toBe(`mp0: format error size: ${BAD_SIZE}`);
    expect(d?.proxmoxText).toBe(`format error\nsize: ${BAD_SIZE}\n\n`);
  });

  it('applyApiUpdate: API_PARAMETER_INVALID', () => {
    const r = applyApiUpdate('hostname: a\n', { net0: 'name=eth0,hwaddr=xx' });
    expect(lefts(r).map((d) => d.message)).toEqual([
      `net0: invalid format - format error hwaddr: ${BAD_MAC}`,
    ]);
  });

  it('planMounts: MOUNT_ENTRY_SKIPPED quotes the parse error on one line', () => {
    const section = readConfig('rootfs: local:100/vm-100-disk-0.raw\nmp0: local:1,mp=/a,size=abc\n')
      .config.main;
    const r = planMounts(section, parseStorageConfig(''), { vmid: 100 });
    const d = E.isRight(r) ? r.right.diagnostics.find((x) => x.path === 'mp0') : undefined;
    expect(d?.message).toBe(
      `'mp0' does not parse and is not mounted: format error size: ${BAD_SIZE}`,
    );
  });

  it('storage.cfg: trailing blanks of the ignored line are not part of the message', () => {
    const [d] = parseStorageConfig('junk here  \n').diagnostics;
    expect(d?.message).toBe('file storage.cfg line 1 - ignore config line: junk here');
    expect(d?.proxmoxText).toBe('file storage.cfg line 1 - ignore config line: junk here  \n');
  });
});
