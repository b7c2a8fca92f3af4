/**
 * The two ways the resolver sees a rootfs: {@link RealView}, the directories as they are on disk,
 * and {@link OverlayView}, the same under a dry run's in-memory overlay of what the plan would have
 * created, replaced or removed so far (so a dry run resolves later operations as a real apply
 * would, without writing anything).
 */
import type { DirView } from './chroot-resolve.js';
import { type DirHandle, type NodeInfo, closeDir, lstatAt, openDirAt } from './dir-fd.js';

/** The rootfs as it is on disk. */
export class RealView implements DirView {
  constructor(readonly root: DirHandle) {}

  lstat(dir: DirHandle, name: string): NodeInfo | undefined {
    return dir.fd === undefined ? undefined : lstatAt(dir.fd, name);
  }

  openDir(dir: DirHandle, name: string, seen: NodeInfo, path: string): DirHandle {
    return openDirAt(dir, name, seen, path);
  }

  close(dir: DirHandle): void {
    if (dir !== this.root) closeDir(dir);
  }
}

/** What a dry run has (virtually) put at a path. */
export type OverlayNode =
  | {
      readonly kind: 'file';
      readonly content: Uint8Array;
      readonly mode: number;
      readonly uid: number;
      readonly gid: number;
    }
  | { readonly kind: 'dir'; readonly mode: number; readonly uid: number; readonly gid: number }
  | {
      readonly kind: 'symlink';
      readonly target: string;
      readonly uid: number;
      readonly gid: number;
    }
  | { readonly kind: 'absent' };

let virtualIno = 0n;

/** The rootfs under a dry run's overlay: overlay entries (by link-free path) win over the disk. */
export class OverlayView implements DirView {
  readonly overlay = new Map<string, OverlayNode>();

  constructor(readonly real: RealView) {}

  lstat(dir: DirHandle, name: string, path: string): NodeInfo | undefined {
    const node = this.overlay.get(path);
    if (node === undefined) return this.real.lstat(dir, name);
    const id = { dev: 0n, ino: ++virtualIno, virtual: true };
    switch (node.kind) {
      case 'absent':
        return undefined;
      case 'file':
        return {
          kind: 'file',
          mode: node.mode,
          uid: node.uid,
          gid: node.gid,
          size: node.content.length,
          ...id,
        };
      case 'dir':
        return { kind: 'dir', mode: node.mode, uid: node.uid, gid: node.gid, ...id };
      case 'symlink':
        return { kind: 'symlink', target: node.target, uid: node.uid, gid: node.gid, ...id };
    }
  }

  openDir(dir: DirHandle, name: string, seen: NodeInfo, path: string): DirHandle {
    if (seen.virtual === true) return { path, fd: undefined, dev: 0n, ino: seen.ino };
    return this.real.openDir(dir, name, seen, path);
  }

  close(dir: DirHandle): void {
    this.real.close(dir);
  }
}
