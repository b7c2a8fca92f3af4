/** The codes of the OS layer's errors (docs/diagnostics.md lists them): each one as a plugin dies with it. */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { errnoMessage, fsSnapshot, type FsEntryInput } from '../../src/os/fs-snapshot.js';
import { type PluginConstructor, debianPlugin, ubuntuPlugin } from '../../src/os/plugin-version.js';

function code(plugin: PluginConstructor, files: Record<string, FsEntryInput>): string | undefined {
  const r = plugin({ snapshot: fsSnapshot(files), osRelease: new Map(), rootfs: '/rootfs' });
  return E.isLeft(r) ? r.left.code : undefined;
}

describe('OS layer error codes', () => {
  it('plugin constructors die with a stable code', () => {
    expect(code(debianPlugin, {})).toBe('VERSION_UNREADABLE');
    expect(code(debianPlugin, { '/etc/debian_version': 'bookworm/sid-ish\n' })).toBe(
      'VERSION_UNPARSABLE',
    );
    expect(code(debianPlugin, { '/etc/debian_version': '3.1\n' })).toBe('VERSION_UNSUPPORTED');
    expect(code(ubuntuPlugin, {})).toBe('FILE_UNREADABLE');
    expect(code(ubuntuPlugin, { '/etc/lsb-release': 'DISTRIB_ID=Mint\n' })).toBe(
      'UNKNOWN_DISTRIB_ID',
    );
    expect(code(debianPlugin, { '/etc/debian_version': '12.5\n' })).toBeUndefined();
  });

  it('every errno code has its message', () => {
    expect(errnoMessage('EINVAL')).toBe('Invalid argument');
  });
});
