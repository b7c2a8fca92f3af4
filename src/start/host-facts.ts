/**
 * The host facts `pct start` consults while it writes the LXC config (spec A.1, H1–H10), as one
 * plain value: what `lxc-start --version` prints, which include files exist, the cgroup layout,
 * bridge MTUs, device nodes… The pure planner takes them as a parameter; `pctkit/effects`
 * (`readHostFacts`) collects them from a running host, and tests read them from the vectors'
 * `facts.json`. The container id and the random seed are not host facts: they are parameters of the
 * planner, and {@link decodeHostFacts} ignores them (and the vectors' `hashOrderDependent` marker).
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { errorDiagnostic } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';

/** A non-negative integer (a plain `number`, so hand-written facts need no brand). */
const NonNegativeInt = new t.Type<number, number, unknown>(
  'NonNegativeInteger',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0,
  (u, c) =>
    typeof u === 'number' && Number.isSafeInteger(u) && u >= 0 ? t.success(u) : t.failure(u, c),
  (n) => n,
);

/** What a device path is on the host: a device node (type, major, minor), a file or a directory. */
export const HostDeviceNode = t.union([
  t.readonly(
    t.type({ type: t.keyof({ c: null, b: null }), major: NonNegativeInt, minor: NonNegativeInt }),
  ),
  t.readonly(t.type({ type: t.keyof({ file: null, dir: null }) })),
]);
export type HostDeviceNode = t.TypeOf<typeof HostDeviceNode>;

/** The effective CPU list file of one cgroup directory (`cpuset.effective_cpus` v1, `cpuset.cpus.effective` v2). */
export const CpusetEffective = t.readonly(
  t.type({ version: t.union([t.literal(1), t.literal(2)]), cpus: t.string }),
);
export type CpusetEffective = t.TypeOf<typeof CpusetEffective>;

/**
 * The host facts, field for field the vectors' `facts.json` (see the lxc-config README):
 * `lxcVersionOutput` (stdout of `lxc-start --version`), `lxcConfigFiles` (names in
 * `/usr/share/lxc/config/`), `commonSeccomp` (text of `common.seccomp`, null when absent),
 * `kernelRelease` (`uname -r`), the syscalld sockets, `cgroupMode` (2 unified, 1 hybrid/legacy,
 * null nothing mounted), the v1 and v2 controller sets (v2 null: no unified hierarchy),
 * `cpusetEffective` (cgroup directory → CPU list), `bridgeMtu` (bridge → MTU; absent = no such
 * bridge), `devices` (host path → node; absent = no such path) and `ctDirExists`
 * (`/var/lib/lxc/<vmid>/` existed before).
 */
export const HostFacts = t.readonly(
  t.type({
    lxcVersionOutput: t.string,
    lxcConfigFiles: t.readonlyArray(t.string),
    commonSeccomp: t.union([t.string, t.null]),
    kernelRelease: t.string,
    syscalldNewSocket: t.boolean,
    syscalldOldSocket: t.keyof({ absent: null, file: null, symlink: null }),
    cgroupMode: t.union([t.literal(1), t.literal(2), t.null]),
    cgroupV1Controllers: t.readonlyArray(t.string),
    cgroupV2Controllers: t.union([t.readonlyArray(t.string), t.null]),
    cpusetEffective: t.record(t.string, CpusetEffective),
    bridgeMtu: t.record(t.string, NonNegativeInt),
    devices: t.record(t.string, HostDeviceNode),
    ctDirExists: t.boolean,
  }),
  'HostFacts',
);
/** The host facts (see {@link HostFacts}). */
export type HostFacts = t.TypeOf<typeof HostFacts>;

/** Codes of {@link decodeHostFacts}. */
export type HostFactsCode =
  /** A host fact in `facts.json` has the wrong type or shape (`<path>: expected …, got …`). */
  | 'HOST_FACTS_INVALID'
  /** `facts.json` has a key that is not a host fact (nor a planner parameter such as `vmid`). */
  | 'HOST_FACTS_UNKNOWN_FIELD';

/** Keys of `facts.json` that are not host facts: planner parameters and test metadata. */
const NOT_FACTS: ReadonlySet<string> = new Set(['vmid', 'seed', 'hashOrderDependent']);
const FACT_KEYS: ReadonlySet<string> = new Set(Object.keys(HostFacts.type.props));

/**
 * The field path of an io-ts error (`facts.bridgeMtu.vmbr0`, skipping union member indices) and
 * the type expected there (the whole union, not the member that failed last).
 */
function locate(context: t.Context): { path: string; expected: string } {
  let path = 'facts';
  let expected = (context[0] as t.ContextEntry).type.name;
  for (let i = 1; i < context.length; i++) {
    const parent = (context[i - 1] as t.ContextEntry).type as t.Mixed & { _tag?: string };
    if (parent._tag === 'UnionType' || parent._tag === 'IntersectionType') continue;
    const entry = context[i] as t.ContextEntry;
    if (entry.key !== '') {
      path += `.${entry.key}`;
      expected = entry.type.name;
    }
  }
  return { path, expected };
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text === undefined ? typeof value : text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * Decodes host facts from JSON data (the vectors' `facts.json`, or `readHostFacts()` output):
 * every problem as a diagnostic with its path (`facts.bridgeMtu.vmbr0`); `vmid`, `seed` and
 * `hashOrderDependent` are accepted and ignored; any other unknown field is an error (a typo would
 * otherwise silently read as an absent fact).
 */
export function decodeHostFacts(data: unknown): Result<HostFacts, HostFactsCode> {
  const problems: Diagnostic<HostFactsCode>[] = [];
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    for (const key of Object.keys(data)) {
      if (!FACT_KEYS.has(key) && !NOT_FACTS.has(key)) {
        problems.push(
          errorDiagnostic('HOST_FACTS_UNKNOWN_FIELD', `unknown host fact '${key}'`, {
            path: `facts.${key}`,
          }),
        );
      }
    }
  }
  const decoded = HostFacts.decode(data);
  if (E.isLeft(decoded)) {
    const seen = new Set<string>();
    for (const error of decoded.left) {
      const { path, expected } = locate(error.context);
      // A union reports each failed member; one message per path is enough.
      if (seen.has(path)) continue;
      seen.add(path);
      problems.push(
        errorDiagnostic(
          'HOST_FACTS_INVALID',
          `${path}: expected ${expected}, got ${describe(error.value)}`,
          { path },
        ),
      );
    }
  }
  const [first, ...rest] = problems;
  if (first !== undefined) return E.left([first, ...rest]);
  const facts = (decoded as E.Right<HostFacts>).right;
  // Keep exactly the facts (drop vmid, seed and test metadata).
  const out: Record<string, unknown> = {};
  for (const key of FACT_KEYS) out[key] = (facts as Record<string, unknown>)[key];
  return E.right(out as HostFacts);
}

/** `record[key]` when `key` is the record's own (JSON objects inherit `constructor`, `__proto__`…). */
export function ownValue<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
