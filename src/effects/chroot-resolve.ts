/**
 * Container path resolution with chroot semantics on a real directory tree, one component at a
 * time through open directory descriptors: every component is `lstat`ed, a symlink is never handed
 * to the OS to follow but read and resolved here (an absolute target restarts at the rootfs, `..`
 * stops at the rootfs), and each directory is opened with `O_NOFOLLOW` and checked to be the very
 * one that was `lstat`ed. Nothing outside the rootfs can be reached, whatever the links say.
 */
import { type DirHandle, type NodeInfo } from './dir-fd.js';
import { fail } from './effects-error.js';

/** Symlinks followed in one resolution before giving up with ELOOP (Linux's limit). */
export const MAX_SYMLINK_HOPS = 40;

/** How the resolver sees the tree: the real one, or the real one under a dry run's overlay. */
export interface DirView {
  /** What is at `name` in `dir` (no link followed); `undefined` when nothing is. */
  lstat(dir: DirHandle, name: string, path: string): NodeInfo | undefined;
  /** Opens the directory `name` in `dir`, which `seen` described. */
  openDir(dir: DirHandle, name: string, seen: NodeInfo, path: string): DirHandle;
  /** Releases a handle returned by {@link DirView.openDir} (the root is never released). */
  close(dir: DirHandle): void;
}

/** Options of {@link resolveAt}. */
export interface ResolveOptions {
  /** Follow a symlink in the final component too (`stat`), or stop at it (`lstat`). */
  readonly followFinal: boolean;
  /**
   * Called for every component looked up, with its link-free container path, what is there and
   * whether it is the final component; may throw to refuse (snapshot verification does).
   */
  readonly onComponent?: (path: string, info: NodeInfo | undefined, isFinal: boolean) => void;
}

/** Where a container path leads. */
export interface Resolved {
  /**
   * The open directory holding the final component (release it with the view's `close`), or
   * `undefined` when the path resolves to a directory with no name of its own (`/`, `…/..`).
   */
  readonly parent: DirHandle | undefined;
  /** The final component's name in `parent` (`''` when `parent` is undefined). */
  readonly name: string;
  /** The link-free container path of the final component. */
  readonly path: string;
  /** What is there (`undefined`: nothing). */
  readonly info: NodeInfo | undefined;
}

const join = (dir: string, name: string): string => (dir === '/' ? '/' + name : dir + '/' + name);

const components = (path: string): string[] => path.split('/').filter((p) => p !== '' && p !== '.');

/**
 * Resolves `path` inside the tree whose root is `root`. A missing final component is not an error
 * (`info` is undefined); a missing or non-directory intermediate one is (ENOENT, ENOTDIR), and so
 * is a link loop (ELOOP).
 */
export function resolveAt(
  view: DirView,
  root: DirHandle,
  path: string,
  options: ResolveOptions,
): Resolved {
  const stack: DirHandle[] = [root];
  let pending = components(path);
  let hops = 0;
  const release = (keep?: DirHandle): void => {
    for (const d of stack) if (d !== root && d !== keep) view.close(d);
    stack.length = 1;
  };
  try {
    while (pending.length > 0) {
      const part = pending.shift() as string;
      const top = stack[stack.length - 1] as DirHandle;
      if (part === '..') {
        if (stack.length > 1) view.close(stack.pop() as DirHandle);
        if (pending.length === 0) break;
        continue;
      }
      const here = join(top.path, part);
      const isFinal = pending.length === 0;
      const info = view.lstat(top, part, here);
      options.onComponent?.(here, info, isFinal);
      if (info === undefined) {
        if (isFinal) {
          release(top);
          return { parent: top, name: part, path: here, info: undefined };
        }
        fail('ENOENT', here, `${here}: No such file or directory (resolving ${path})`);
      }
      if (info.kind === 'symlink' && (!isFinal || options.followFinal)) {
        if (++hops > MAX_SYMLINK_HOPS)
          fail('ELOOP', here, `${here}: Too many levels of symbolic links (resolving ${path})`);
        if (info.target === '')
          fail('ENOENT', here, `${here}: empty symbolic link (resolving ${path})`);
        if (info.target.startsWith('/')) {
          release();
        }
        pending = [...components(info.target), ...pending];
        continue;
      }
      if (isFinal) {
        release(top);
        return { parent: top, name: part, path: here, info };
      }
      if (info.kind !== 'dir')
        fail('ENOTDIR', here, `${here}: Not a directory (resolving ${path})`);
      stack.push(view.openDir(top, part, info, here));
    }
    // The path ended on a directory without a name of its own (`/` or a trailing `..`).
    const top = stack[stack.length - 1] as DirHandle;
    const dirPath = top.path;
    release();
    return {
      parent: undefined,
      name: '',
      path: dirPath,
      info: { kind: 'dir', mode: 0o755, uid: 0, gid: 0, dev: top.dev, ino: top.ino },
    };
  } catch (e) {
    release();
    throw e;
  }
}
