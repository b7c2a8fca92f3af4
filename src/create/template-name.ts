/**
 * The compression of a template (or vzdump backup) archive, from its file NAME only, as Proxmox's
 * `tar_compression_option` decides it: GNU tar reads the archive from a pipe and cannot sniff it.
 */
import { proxmoxDiagnostic } from '../diagnostics/diagnostic.js';
import { fail, ok, type Result } from '../diagnostics/result.js';

/** How the archive is compressed (`none`: a plain `.tar`). */
export type TemplateCompression = 'none' | 'gzip' | 'bzip2' | 'xz' | 'lzo' | 'zstd';

/** Codes of {@link templateCompression}. */
export type TemplateNameCode =
  /** The template is `.tar.X` with an unknown compression `.X`: `unrecognized compression format: .X`. */
  | 'TEMPLATE_COMPRESSION_UNKNOWN'
  /** The template name has no `.tar` suffix: `file does not look like a template archive: <path>`. */
  | 'TEMPLATE_NOT_ARCHIVE';

const BY_SUFFIX: ReadonlyMap<string, TemplateCompression> = new Map([
  ['.gz', 'gzip'],
  ['.bz2', 'bzip2'],
  ['.xz', 'xz'],
  ['.lzo', 'lzo'],
  ['.zst', 'zstd'],
]);

/** The GNU tar option Proxmox passes for each compression (documentation and dry runs). */
export const TAR_COMPRESSION_OPTION: Readonly<Record<TemplateCompression, string>> = {
  none: '',
  gzip: '-z',
  bzip2: '-j',
  xz: '-J',
  lzo: '--lzop',
  zstd: '--zstd',
};

/**
 * `.tar` → none, `.tar.gz|bz2|xz|lzo|zst` → that compression; any other `.tar.X` fails with
 * `unrecognized compression format: .X`, a name without `.tar` (as the last or next-to-last
 * suffix) with `file does not look like a template archive: <path>`.
 */
export function templateCompression(path: string): Result<TemplateCompression, TemplateNameCode> {
  // `\.tar(\.[^.]+)?$`: the last suffix, or the one before it, is `.tar`.
  const m = /\.tar(\.[^.]+)?$/.exec(path);
  if (m === null) {
    const text = `file does not look like a template archive: ${path}\n`;
    return fail(proxmoxDiagnostic('error', 'TEMPLATE_NOT_ARCHIVE', text, { path: 'template' }));
  }
  const suffix = m[1];
  if (suffix === undefined) return ok('none');
  const compression = BY_SUFFIX.get(suffix);
  if (compression === undefined) {
    const text = `unrecognized compression format: ${suffix}\n`;
    return fail(
      proxmoxDiagnostic('error', 'TEMPLATE_COMPRESSION_UNKNOWN', text, { path: 'template' }),
    );
  }
  return ok(compression);
}

/** The file name of a template path or volume id (`local:vztmpl/x.tar.zst` → `x.tar.zst`). */
export function templateFileName(template: string): string {
  const slash = template.lastIndexOf('/');
  const colon = template.lastIndexOf(':');
  return template.slice(Math.max(slash, colon) + 1);
}
