/**
 * A setup plan: the ordered file operations that `pct` would perform inside a container's rootfs.
 * Plans are plain data (JSON-serialisable): inspect, diff, serialise and test them; the effects
 * adapter executes them. Paths are container paths. Owners are host-side ids (already mapped through
 * the container's id map; 0 for privileged containers).
 */

/** Who owns what an operation creates (host-side ids). */
export interface Owner {
  readonly uid: number;
  readonly gid: number;
}

interface OperationBase {
  /** Container path the operation acts on. */
  readonly path: string;
  /** Why the operation exists, for people reading a plan (e.g. `set hostname (hostname: ct1)`). */
  readonly reason: string;
}

/** Atomically replace `path` with `content` (never following a symlink at `path`). */
export interface WriteFileOperation extends OperationBase {
  readonly op: 'write';
  readonly content: string;
  readonly mode: number;
  readonly owner?: Owner;
}

/** Create a directory (`mkdir`, or `mkdir -p` when `parents`). */
export interface MakeDirectoryOperation extends OperationBase {
  readonly op: 'mkdir';
  readonly mode: number;
  readonly parents: boolean;
  readonly owner?: Owner;
}

/**
 * Create a symlink at `path` pointing to `target`. Without `replace` it is silently skipped when
 * `path` exists or its directory is missing (Proxmox's ct_symlink); with `replace` the link is made
 * under a temporary name and renamed over `path` (how the timezone step swaps `/etc/localtime`).
 */
export interface SymlinkOperation extends OperationBase {
  readonly op: 'symlink';
  readonly target: string;
  readonly replace?: boolean;
  readonly owner?: Owner;
}

/** Remove `path` (errors ignored, like Proxmox's ct_unlink). */
export interface UnlinkOperation extends OperationBase {
  readonly op: 'unlink';
}

/**
 * Generate an ssh host key of `keyType` (no passphrase, comment `comment`) and write the private key
 * to `path` (0600) and the public key to `path.pub` (0644), replacing existing ones; done by the
 * adapter (`ssh-keygen -t <keyType> -N '' -E sha256 -C <comment>` on the host in Proxmox).
 */
export interface SshHostKeyOperation extends OperationBase {
  readonly op: 'ssh-host-key';
  readonly keyType: 'rsa' | 'dsa' | 'ecdsa' | 'ed25519';
  readonly comment: string;
  readonly owner?: Owner;
}

export type PlanOperation =
  | WriteFileOperation
  | MakeDirectoryOperation
  | SymlinkOperation
  | UnlinkOperation
  | SshHostKeyOperation;
