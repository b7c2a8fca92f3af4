/** A minimal Debian 12 root filesystem as a snapshot: what the create tests detect and set up. */
import { fsSnapshot } from '../../src/os/fs-snapshot.js';
import type { FsEntryInput, FsSnapshot } from '../../src/os/fs-snapshot.js';

export const debianTree = (extra: Readonly<Record<string, FsEntryInput>> = {}): FsSnapshot =>
  fsSnapshot({
    '/etc/os-release': 'ID=debian\nVERSION_ID="12"\n',
    '/etc/debian_version': '12.7\n',
    '/etc/hostname': 'localhost\n',
    '/etc/hosts': '127.0.0.1 localhost\n',
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n',
    '/etc/shadow': 'root:*:19000:0:99999:7:::\n',
    '/etc/network/interfaces': 'auto lo\niface lo inet loopback\n',
    '/etc/resolv.conf': '',
    '/root': { dir: true },
    '/etc/ssh': { dir: true },
    ...extra,
  });
