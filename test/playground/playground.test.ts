/**
 * The playground (docs/playground/) in a real headless browser: the machine's Chromium driven by
 * playwright-core (which downloads no browser). The page is built and served by
 * scripts/playground.mjs exactly as `npm run playground` does; the test pastes fixtures and asserts
 * on what the page shows, and that the page makes no request beyond loading its own three files.
 *
 * Outside CI, without /usr/bin/chromium, the browser tests skip and say why; in CI they run
 * (.ci/run installs Chromium when it is missing).
 */
import { createHash } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { decodeConfig } from '../../src/typed/decode-config.js';
import { unifiedDiff } from '../../src/text/unified-diff.js';
import { checkBrowserBundle, repoRoot } from '../../scripts/purity.mjs';
import { readShared, readSharedJsonl } from '../support/shared.js';

/**
 * The API panels come from the API module through docs/playground/api-adapter.ts. Until that module
 * is merged the adapter's stand-ins answer `unavailable` and the API assertions are not made; once
 * the adapter calls the real module, set this to true so that an unavailable API fails the test.
 */
const REQUIRE_API = true;

const CHROMIUM = '/usr/bin/chromium';
const inCi = Boolean(process.env['CI']);
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !inCi) {
  console.warn(
    `test/playground: skipping the browser tests: ${CHROMIUM} is missing (apt-get install chromium)`,
  );
}

const fixture = (name: string): string =>
  readFileSync(join(repoRoot, 'fixtures/configs', name), 'utf8');

/** What `pctkit <args>` prints for a file named `name` holding `text`. */
function cli(args: string[], name: string, text: string): string {
  let out = '';
  runCli([...args, name], {
    stdout: (t) => void (out += t),
    stderr: (t) => void (out += t),
    readFile: () => text,
    writeFile: () => undefined,
  });
  return out;
}

it("the page's TypeScript typechecks with the DOM and without Node's types", () => {
  // Throws with tsc's messages when it does not.
  execFileSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(repoRoot, 'docs/playground/tsconfig.json'),
    ],
    {
      stdio: 'pipe',
    },
  );
});

it('the page bundles for the browser with no Node built-in, clock or randomness', async () => {
  expect(await checkBrowserBundle(join(repoRoot, 'docs/playground/playground.ts'))).toEqual([]);
});

// In CI a missing Chromium is a failure, not a skip.
it.runIf(inCi)(`Chromium is installed at ${CHROMIUM} (CI runs the browser tests)`, () => {
  expect(existsSync(CHROMIUM), '.ci/run installs the chromium package when it is missing').toBe(
    true,
  );
});

describe.skipIf(!haveChromium)('the playground in headless Chromium', () => {
  let server: ChildProcess | undefined;
  let origin = '';
  let outDir = '';
  let userDataDir = '';
  let context: BrowserContext | undefined;
  let page: Page;
  /** Every request the browser made, and those that left the page's own origin. */
  const requests: string[] = [];
  const foreign: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'pctkit-playground-'));
    userDataDir = mkdtempSync(join(tmpdir(), 'pctkit-chromium-'));
    // Build and serve exactly as `npm run playground` does, on a free port of 127.0.0.1.
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, 'scripts/playground.mjs'),
        '--out',
        outDir,
        '--host',
        '127.0.0.1',
        '--port',
        '0',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    server = child;
    origin = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /serving on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
        if (m) resolve(m[1] as string);
      });
      child.stderr?.on('data', (chunk: Buffer) => void (err += chunk.toString()));
      child.once('exit', (code) =>
        reject(new Error(`scripts/playground.mjs exited (${code}): ${out}${err}`)),
      );
    });
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    context.on('request', (r) => void requests.push(r.url()));
    // Anything not addressed to the page's own server is recorded and refused.
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`)) await route.continue();
      else {
        foreign.push(url);
        await route.abort();
      }
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => void pageErrors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.goto(`${origin}/`);
    await page.waitForSelector('body[data-ready="true"]');
  });

  afterAll(async () => {
    await context?.close();
    server?.kill();
    rmSync(outDir, { recursive: true, force: true });
    rmSync(userDataDir, { recursive: true, force: true });
  });

  /** Pastes `text` as the current config under the file name `name` (and its vmid). */
  async function paste(name: string, text: string, desired = ''): Promise<void> {
    await page.fill('#file-name', name);
    await page.fill('#vmid', name.replace(/\.conf$/, ''));
    await page.fill('#config-desired', desired);
    await page.fill('#config-current', text);
  }

  const textOf = async (selector: string): Promise<string> =>
    (await page.locator(selector).textContent()) ?? '';

  it('loads with headings and labelled inputs, and only its own three files', async () => {
    expect(await page.locator('h1').textContent()).toBe('pctkit playground');
    expect(await page.locator('h2').allTextContents()).toEqual([
      'Input',
      'Diagnostics',
      'Canonical text',
      'Typed config (JSON)',
      'Proxmox API',
    ]);
    await expect(page.getByLabel('Current config').count()).resolves.toBe(1);
    await expect(page.getByLabel(/^Desired config/).count()).resolves.toBe(1);
    expect(requests.map((u) => new URL(u).pathname).sort()).toEqual([
      '/',
      '/playground.js',
      '/style.css',
    ]);
    expect(foreign).toEqual([]);
  });

  it('shows the diagnostics of a broken fixture with their positions, as pctkit config check --api does', async () => {
    const text = fixture('102.conf');
    await paste('102.conf', text);
    const shown = await page.locator('#diagnostics li').allTextContents();
    expect(shown).toEqual([
      '102.conf:1:11: error: hostname: value does not look like a valid DNS name',
      '102.conf:3:7: error: net0: format error (hwaddr: invalid format - value does not look like a valid unicast MAC address; ip: invalid format - value does not look like a valid ipv4 network configuration)',
      '102.conf:4:1: error: unable to parse config:   swap: 512 (expected a line without leading whitespace)',
      '102.conf:5:1: error: lxc.rootfs.path: lxc.rootfs.path is auto generated from rootfs',
      '102.conf:6:1: error: unable to parse config: lxc.bogus.key: 1',
      "102.conf:7:1: error: property 'delete' is only allowed in [pve:pending]",
    ]);
    // The same lines as the CLI, one for one.
    expect(shown.map((l) => l + '\n').join('')).toBe(
      cli(['config', 'check', '--api'], '102.conf', text),
    );
    expect(await textOf('#diagnostics-status')).toBe('6 diagnostics, 6 errors.');
    expect(await page.locator('#diagnostics li.severity-error').count()).toBe(6);
  });

  it('shows the canonical text exactly, and the diff from the input to it', async () => {
    const text = fixture('101.conf');
    await paste('101.conf', text);
    const canonical =
      '# database container %E2%80%94 edited by hand\n' +
      'cores: 4\n' +
      'cpulimit: 1.50\n' +
      'hostname: db-01\n' +
      'memory: 4096\n' +
      'mp0: local-lvm:vm-101-disk-1,mp=/var/lib/postgresql,backup=1,size=64G\n' +
      'net0: name=eth0,bridge=vmbr0,ip=dhcp,ip6=auto\n' +
      'onboot: 1\n' +
      'ostype: ubuntu\n' +
      'parent: before-upgrade\n' +
      'rootfs: local-lvm:vm-101-disk-0,size=32G\n' +
      'lxc.environment.runtime: PGDATA=/var/lib/postgresql/data\n' +
      'lxc.apparmor.profile: unconfined\n' +
      'lxc.cgroup2.devices.allow: c 10:200 rwm\n' +
      '\n' +
      '[pve:pending]\n' +
      'delete: swap;cores\n' +
      'memory: 8192\n' +
      '\n' +
      '[before-upgrade]\n' +
      '#before the 16 -> 17 upgrade\n' +
      'hostname: db-01\n' +
      'memory: 4096\n' +
      'ostype: ubuntu\n' +
      'rootfs: local-lvm:vm-101-disk-0,size=32G\n' +
      'snaptime: 1764400000\n';
    expect(await textOf('#canonical-text')).toBe(canonical);
    const diff = await textOf('#canonical-diff');
    expect(diff).toBe(unifiedDiff(text, canonical, '101.conf', '101.conf (canonical)'));
    expect(diff).toBe(cli(['config', 'fmt', '--check'], '101.conf', text));
    expect(diff.startsWith('--- 101.conf\n+++ 101.conf (canonical)\n@@ -1,22 +1,21 @@\n')).toBe(
      true,
    );
    // Removed and added lines are marked as such.
    expect(await page.locator('#canonical-diff .diff-del').allTextContents()).toContain(
      '-cores: 04\n',
    );
    expect(await page.locator('#canonical-diff .diff-add').allTextContents()).toContain(
      '+cores: 4\n',
    );
    expect(await page.locator('#canonical-diff .diff-add').allTextContents()).toContain(
      '+lxc.apparmor.profile: unconfined\n',
    );
  });

  it('says so when the input is already canonical', async () => {
    await paste('100.conf', fixture('100.conf'));
    expect(await textOf('#canonical-diff')).toBe('');
    expect(await textOf('#canonical-status')).toBe(
      'Already canonical: Proxmox would store this text unchanged.',
    );
    expect(await page.locator('#diagnostics li').count()).toBe(0);
    expect(await textOf('#diagnostics-status')).toBe('No diagnostics.');
  });

  it('shows the typed JSON, as pctkit config json prints it', async () => {
    const text = fixture('101.conf');
    await paste('101.conf', text);
    const shown = JSON.parse(await textOf('#typed-json')) as {
      current: Record<string, unknown>;
      pending: Record<string, unknown>;
      snapshots: Record<string, Record<string, unknown>>;
    };
    expect(shown.current['hostname']).toBe('db-01');
    expect(shown.current['cores']).toBe(4);
    expect(shown.current['memory']).toBe(4096);
    expect(shown.current['onboot']).toBe(true);
    expect(shown.pending['memory']).toBe(8192);
    expect(shown.snapshots['before-upgrade']?.['snaptime']).toBe(1764400000);
    expect(shown).toEqual(JSON.parse(JSON.stringify(decodeConfig(text))));
  });

  it('inserts all file text as text, never as HTML', async () => {
    const hostile =
      'hostname: <b id="injected">x</b>\n<img src=x onerror="document.body.dataset.pwned=1">\n';
    await paste('666.conf', hostile);
    expect(await page.locator('#injected').count()).toBe(0);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.locator('body').getAttribute('data-pwned')).toBeNull();
    const shown = await page.locator('#diagnostics li').allTextContents();
    expect(shown).toEqual(
      cli(['config', 'check', '--api'], '666.conf', hostile).split('\n').slice(0, -1),
    );
    expect(
      shown.some((l) =>
        l.startsWith(
          '666.conf:2:1: error: unable to parse config: <img src=x onerror="document.body.dataset.pwned=1">',
        ),
      ),
    ).toBe(true);
    expect(await textOf('#canonical-diff')).toContain(
      '-<img src=x onerror="document.body.dataset.pwned=1">\n',
    );
  });

  it('shows the API GET view, the pending list, pct config and the minimal PUT (when the API module is in)', async () => {
    const name = 'pending-basic';
    const text = readShared('pve-vectors/api/inputs', `${name}.conf`);
    const put = readSharedJsonl<{
      name: string;
      input: string;
      result: string;
      params: Record<string, string>;
    }>('pve-vectors/api/put/cases.jsonl').find((c) => c.name === 'set-memory');
    await paste('901.conf', text);
    const available = await page.locator('#api-panels').getAttribute('data-available');
    if (available !== 'true') {
      expect(REQUIRE_API, 'the API panels are unavailable but REQUIRE_API is set').toBe(false);
      for (const panel of ['get', 'pending', 'pct-config']) {
        expect(await page.locator(`#api-${panel}-panel`).getAttribute('data-available')).toBe(
          'false',
        );
        expect(await textOf(`#api-${panel}-status`)).toMatch(/^Unavailable: .+\.$/);
      }
      console.warn(`test/playground: API panels not asserted: ${await textOf('#api-get-status')}`);
      return;
    }
    const vectors = readSharedJsonl<{
      input: string;
      query: Record<string, unknown>;
      data: unknown;
    }>('pve-vectors/api/get-config.jsonl').filter(
      (v) => v.input === `pve-vectors/api/inputs/${name}.conf`,
    );
    const pendingVector = readSharedJsonl<{ input: string; data: unknown[] }>(
      'pve-vectors/api/get-pending.jsonl',
    ).find((v) => v.input === `pve-vectors/api/inputs/${name}.conf`);
    // GET …/config, pending merged (current=0) and current (current=1): value and type.
    expect(JSON.parse(await textOf('#api-get'))).toEqual(
      vectors.find((v) => Object.keys(v.query).length === 0)?.data,
    );
    // Proxmox lists the pending items in no particular order (the vectors sort them): as sets.
    const sorted = (items: unknown[]): string[] =>
      items.map((i) => JSON.stringify(i, Object.keys(i as object).sort())).sort();
    expect(sorted(JSON.parse(await textOf('#api-pending')) as unknown[])).toEqual(
      sorted(pendingVector?.data ?? []),
    );
    expect(await textOf('#api-pct-config')).toBe(
      readShared('pve-vectors/api/pct-config/hand', `${name}.txt`),
    );
    await page.selectOption('#view', 'current');
    expect(JSON.parse(await textOf('#api-get'))).toEqual(
      vectors.find((v) => v.query['current'] === 1)?.data,
    );
    expect(await textOf('#api-pct-config')).toBe(
      readShared('pve-vectors/api/pct-config/hand', `${name}.current.txt`),
    );
    await page.selectOption('#view', 'pending');
    // The minimal PUT from Proxmox's input to its result: the changed key, and the input's digest.
    if (put === undefined)
      throw new Error('pve-vectors/api/put/cases.jsonl has no set-memory case');
    await paste('101.conf', put.input, put.result);
    const plan = JSON.parse(await textOf('#api-put')) as {
      params: Record<string, unknown>;
      digest: unknown;
    };
    expect(Object.keys(plan.params)).toEqual(['memory']);
    expect(String(plan.params['memory'])).toBe('1024');
    expect(plan.digest).toBe(createHash('sha1').update(put.input).digest('hex'));
  });

  it('makes no request of its own: nothing leaves the browser', async () => {
    const before = requests.length;
    await paste('102.conf', fixture('102.conf'), fixture('100.conf'));
    await page.selectOption('#example', '101.conf');
    await page.click('#load-current');
    await page.click('#load-desired');
    await page.check('#running');
    await page.uncheck('#api-level');
    expect(await page.inputValue('#file-name')).toBe('101.conf');
    expect(requests.slice(before)).toEqual([]);
    // Even a script in the page could not send anything: its Content-Security-Policy refuses it.
    const sent = await page.evaluate(async (url) => {
      try {
        await fetch(url, { method: 'POST', body: 'secret' });
        return 'sent';
      } catch {
        return 'refused';
      }
    }, `${origin}/collect`);
    expect(sent).toBe('refused');
    expect(requests.slice(before)).toEqual([]);
    expect(foreign).toEqual([]);
    expect(pageErrors.filter((e) => !e.includes('Content Security Policy'))).toEqual([]);
  });
});
