/** A small argument parser: positionals, `--flag`, `--key value`, `--key=value`, repeatable keys. */

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string[]>;
}

export class UsageError extends Error {}

/**
 * Every parse reports the options its command accepts to this listener, when one is set: the
 * docs test runs each command once and checks docs/cli.md against what the parser really takes.
 */
export const parserFlags: {
  listener?: (known: ReadonlySet<string>, valued: ReadonlySet<string>) => void;
} = {};

/** Whether `argv` asks for help (`--help` or `-h` before any `--`). */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/** Parses `argv`; `valued` names the options that take a value. */
export function parseArgs(
  argv: readonly string[],
  valued: ReadonlySet<string>,
  known: ReadonlySet<string>,
): ParsedArgs {
  parserFlags.listener?.(known, valued);
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  const add = (k: string, v: string): void => {
    const list = flags.get(k) ?? [];
    list.push(v);
    flags.set(k, list);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (!known.has(name)) throw new UsageError(`unknown option --${name}`);
      if (valued.has(name)) {
        if (eq !== -1) add(name, arg.slice(eq + 1));
        else {
          const next = argv[i + 1];
          if (next === undefined) throw new UsageError(`--${name} needs a value`);
          add(name, next);
          i++;
        }
      } else {
        if (eq !== -1) throw new UsageError(`--${name} takes no value`);
        add(name, '');
      }
    } else positionals.push(arg);
  }
  return { positionals, flags };
}
