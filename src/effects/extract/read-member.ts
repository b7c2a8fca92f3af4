/**
 * Reads one member of an archive without extracting anything (what `pct restore` does with
 * `tar -xpOf <archive> ./etc/vzdump/pct.conf --occurrence`): the archive is streamed until the
 * first member whose name matches, its data is returned (up to a limit), and reading stops.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { TemplateCompression } from '../../create/template-name.js';
import { errorDiagnostic } from '../../diagnostics/diagnostic.js';
import type { Result } from '../../diagnostics/result.js';
import { openTarSource } from './decompress.js';
import { TarFormatError, TarReader } from './tar-reader.js';

/** Codes of {@link readArchiveMember}. */
export type ReadMemberCode =
  /** The archive cannot be read or decompressed, or the member cannot be read from it. */
  | 'READ_MEMBER_FAILED'
  /** The member is larger than the byte limit given to the reader. */
  | 'READ_MEMBER_TOO_LARGE';

/** A member found. */
export interface ArchiveMember {
  readonly name: string;
  readonly data: Uint8Array;
}

class Found extends Error {}

/** The first regular-file member whose name satisfies `match`, or `undefined` when none does. */
export async function readArchiveMember(
  archive: string,
  compression: TemplateCompression,
  match: (name: string) => boolean,
  limit = 1 << 20,
): Promise<Result<ArchiveMember | undefined, ReadMemberCode>> {
  let source;
  try {
    source = openTarSource(archive, compression);
  } catch (e) {
    return E.left([
      errorDiagnostic('READ_MEMBER_FAILED', `cannot read ${archive}: ${String(e)}`, {
        file: archive,
      }),
    ]);
  }
  let current: { name: string; parts: Uint8Array[]; size: number } | undefined;
  let found: ArchiveMember | undefined;
  let tooLarge = false;
  const reader = new TarReader({
    entry: (e) => {
      current =
        e.type === 'file' && e.name !== undefined && match(e.name)
          ? { name: e.name, parts: [], size: 0 }
          : undefined;
      if (current !== undefined && e.size > limit) {
        tooLarge = true;
        throw new Found();
      }
    },
    data: (c) => {
      if (current === undefined) return;
      current.parts.push(c.slice());
      current.size += c.length;
    },
    entryEnd: () => {
      if (current === undefined) return;
      const data = new Uint8Array(current.size);
      let o = 0;
      for (const p of current.parts) {
        data.set(p, o);
        o += p.length;
      }
      found = { name: current.name, data };
      throw new Found();
    },
  });
  try {
    for await (const chunk of source.stream) {
      reader.push(chunk);
      if (reader.ended) break;
    }
    if (!reader.ended) {
      const failure = await source.done();
      if (failure !== undefined)
        return E.left([errorDiagnostic('READ_MEMBER_FAILED', failure, { file: archive })]);
      reader.finish();
    }
  } catch (e) {
    if (!(e instanceof Found)) {
      const text = e instanceof TarFormatError ? `tar: ${e.message}` : String(e);
      return E.left([errorDiagnostic('READ_MEMBER_FAILED', text, { file: archive })]);
    }
  } finally {
    source.close();
  }
  if (tooLarge)
    return E.left([
      errorDiagnostic('READ_MEMBER_TOO_LARGE', `the member is larger than ${limit} bytes`, {
        file: archive,
      }),
    ]);
  return E.right(found);
}
