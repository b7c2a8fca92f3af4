/** What a CLI command may touch: injected so that commands run in-process in tests. */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../effects/atomic-write.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => string;
  readonly writeFile: (path: string, text: string) => void;
}

export const processIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  readFile: (p) => readFileSync(p, 'utf8'),
  writeFile: (p, t) => writeFileAtomic(p, t, { mode: 0o640 }),
};

/** Exit codes: 0 ok, 1 the files have problems (or the operation failed), 2 usage. */
export type ExitCode = 0 | 1 | 2;
