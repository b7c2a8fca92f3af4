/** `pctkit start-plan` through runCli, on a vector's config and facts and the Debian fixture rootfs. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processSetupHost } from '../../src/cli/setup-host.js';
import { runCaptured, type CliRun } from '../support/run-cli.js';
import { caseDir, configText, storageText } from '../support/start-plan-fixture.js';

const rootfs = join(import.meta.dirname, '../../fixtures/rootfs/debian-12');
const work = mkdtempSync(join(tmpdir(), 'pctkit-start-plan-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const storage = join(work, 'storage.cfg');
writeFileSync(storage, storageText);
const config = join(work, '100.conf');
writeFileSync(config, configText);

const host = {
  ...processSetupHost,
  nowMs: () => 1_700_000_000_000,
  readHostFile: () => 'nameserver 192.0.2.53\n',
};
const run = (argv: string[]): CliRun =>
  runCaptured(argv, {
    io: {
      readFile: (p) => readFileSync(p, 'utf8'),
      writeFile: () => {
        throw new Error('start-plan writes nothing');
      },
    },
    host,
  });

describe('pctkit start-plan', () => {
  const facts = join(caseDir, 'facts.json');
  const planArgs = [
    'start-plan',
    config,
    rootfs,
    '--facts',
    facts,
    '--storage',
    storage,
    '--seed',
    '1',
  ];

  it('prints the plan, the LXC config of the vector included', () => {
    const r = run(planArgs);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('ostype: debian configured, debian 12 detected');
    expect(r.out).toContain('rootfs: volume /dev/pve/vm-100-disk-0 -> /');
    expect(r.out).toContain(readFileSync(join(caseDir, 'lxc.config'), 'utf8'));
  });

  it('prints the whole plan as JSON', () => {
    const r = run([...planArgs, '--json']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out) as { ok: boolean; plan: { os: { detected: string } } };
    expect(parsed.ok).toBe(true);
    expect(parsed.plan.os.detected).toBe('debian');
  });

  it("fails with Proxmox's message", () => {
    const locked = join(work, '101.conf');
    writeFileSync(locked, readFileSync(join(caseDir, 'config'), 'utf8') + 'lock: backup\n');
    const r = run(['start-plan', locked, rootfs, '--facts', facts, '--storage', storage]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('CT is locked (backup)\n');
  });

  it('needs --facts and --storage (usage errors, exit 2)', () => {
    expect(run(['start-plan', config, rootfs, '--storage', storage]).code).toBe(2);
    expect(run(['start-plan', config, rootfs, '--facts', facts]).code).toBe(2);
  });
});
