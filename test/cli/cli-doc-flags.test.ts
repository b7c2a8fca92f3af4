/**
 * docs/cli.md against the parsers: every option each command's parser accepts is described on the
 * command's page section, and every option the section names is accepted by one of its commands.
 * The flags come from the parsers themselves (`parserFlags` sees each `parseArgs` call).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parserFlags } from '../../src/cli/args.js';
import type { CliIo } from '../../src/cli/io.js';
import { runCli, runCliAsync, usage } from '../../src/cli/main.js';
import { allSchemaKeys } from '../../src/schema/container-schema.js';
import { repoRoot } from '../support/shared.js';

const doc = readFileSync(join(repoRoot, 'docs', 'cli.md'), 'utf8');

/** The text of the `## ` sections whose heading names `title`. */
function section(title: string): string {
  return doc
    .split(/^(?=## )/m)
    .filter((s) => s.startsWith('## ') && (s.split('\n')[0] as string).includes(`\`${title}\``))
    .join('\n');
}

/** The options a command's parser accepts, found by running it once (it fails on the missing file). */
function acceptedFlags(argv: readonly string[]): Set<string> {
  const seen = new Set<string>();
  parserFlags.listener = (known) => known.forEach((k) => seen.add(k));
  const quiet: CliIo = {
    stdout: () => undefined,
    stderr: () => undefined,
    readFile: () => {
      throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    },
    writeFile: () => undefined,
  };
  try {
    // create and restore-config are asynchronous: their parsers run before the first await.
    if (argv[0] === 'create' || argv[0] === 'restore-config')
      void runCliAsync(argv, quiet).catch(() => undefined);
    else runCli(argv, quiet);
  } finally {
    delete parserFlags.listener;
  }
  return seen;
}

const schemaKeys = new Set(allSchemaKeys());

/** Each command, how to make its parser run, and the doc sections that describe it. */
const COMMANDS: ReadonlyArray<readonly [string, readonly string[], readonly string[]]> = [
  ['config check', ['config', 'check', '/x/1.conf'], ['pctkit config check']],
  ['config fmt', ['config', 'fmt', '/x/1.conf'], ['pctkit config fmt']],
  ['config json', ['config', 'json', '/x/1.conf'], ['pctkit config json']],
  ['config set', ['config', 'set', '/x/1.conf', '--memory', '512'], ['pctkit config set']],
  ['config pending', ['config', 'pending', '/x/1.conf'], ['pctkit config set']],
  ['snapshot create', ['snapshot', 'create', '/x/1.conf', 's1'], ['pctkit config set']],
  ['snapshot delete', ['snapshot', 'delete', '/x/1.conf', 's1'], ['pctkit config set']],
  ['snapshot rollback', ['snapshot', 'rollback', '/x/1.conf', 's1'], ['pctkit config set']],
  ['detect', ['detect', '/nonexistent-rootfs'], ['pctkit detect']],
  ['plan', ['plan', '/x/1.conf', '/nonexistent-rootfs'], ['pctkit plan', 'pctkit apply']],
  ['apply', ['apply', '/x/1.conf', '/nonexistent-rootfs'], ['pctkit apply']],
  ['lxc-config', ['lxc-config', '/x/1.conf', '--facts', '/x/facts.json'], ['pctkit lxc-config']],
  ['config show', ['config', 'show', '/x/1.conf'], ['pctkit config show']],
  ['api diff', ['api', 'diff', '/x/1.conf', '/x/2.conf'], ['pctkit api diff']],
  ['create', ['create', '100', '/x/t.tar.zst', '--rootfs', '/x/root'], ['pctkit create']],
  ['restore-config', ['restore-config', '/x/vzdump-lxc-100.tar.zst'], ['pctkit create']],
  [
    'start-plan',
    ['start-plan', '/x/1.conf', '/x/root', '--facts', '/x/f.json', '--storage', '/x/s.cfg'],
    ['pctkit start-plan'],
  ],
  ['storage path', ['storage', 'path', '/x/storage.cfg', 'local:100/x.raw'], ['pctkit storage']],
];

it('every command of the usage text is checked here', () => {
  const named = new Set(
    [...usage.matchAll(/^ {2}pctkit ([a-z][a-z-]*)/gm)].map((m) => m[1] as string),
  );
  const checked = new Set(COMMANDS.map(([name]) => name.split(' ')[0] as string));
  expect([...named].filter((n) => !checked.has(n))).toEqual([]);
});

describe('docs/cli.md describes exactly the options the parsers accept', () => {
  const bySection = new Map<string, Set<string>>();
  it.each(COMMANDS.map((c) => [c[0], c] as const))(
    '%s: every accepted option is on its page',
    (_, [, argv, titles]) => {
      const accepted = acceptedFlags(argv);
      expect(accepted.size).toBeGreaterThan(0);
      const text = titles.map(section).join('\n');
      expect(text.length).toBeGreaterThan(0);
      const missing = [...accepted].filter(
        (f) => !schemaKeys.has(f) && !new RegExp(`--${f}(?![a-z0-9-])`).test(text),
      );
      expect(missing).toEqual([]);
      const first = titles[0] as string;
      bySection.set(first, new Set([...(bySection.get(first) ?? []), ...accepted]));
    },
  );

  // Runs after the cases above (tests of a file run in order), which collect what each section's commands accept.
  it('every option a section names is accepted by one of the commands it documents', () => {
    expect(bySection.size).toBeGreaterThan(5);
    for (const [title, accepted] of bySection) {
      const named = new Set(
        [...section(title).matchAll(/--([a-z][a-z0-9-]*)/g)].map((m) => m[1] as string),
      );
      for (const flag of ['help', 'version']) named.delete(flag);
      expect([title, [...named].filter((f) => !accepted.has(f)).sort()]).toEqual([title, []]);
    }
  });
});
