import { describe, expect, it } from 'vitest';
import { allSchemaKeys, containerKeys } from '../../src/schema/container-schema.js';
import { schemaKey } from '../../src/schema/key-registry.js';

describe('container schema', () => {
  it('has 30 plain keys and 32 + 3 × 256 indexed keys', () => {
    expect(Object.keys(containerKeys)).toHaveLength(30);
    expect(allSchemaKeys()).toHaveLength(30 + 32 + 3 * 256);
  });

  it('looks up plain and indexed keys', () => {
    expect(schemaKey('memory')).toMatchObject({ type: 'integer', minimum: 16, default: 512 });
    expect(schemaKey('cpulimit')).toMatchObject({ type: 'number', minimum: 0, maximum: 8192 });
    expect(schemaKey('net0')).toMatchObject({ type: 'string', propertyString: 'net' });
    expect(schemaKey('mp255')).toMatchObject({ propertyString: 'mp' });
    expect(schemaKey('unused0')).toMatchObject({ propertyString: 'unused' });
    expect(schemaKey('dev9')).toMatchObject({ propertyString: 'dev' });
    expect(schemaKey('timezone')).toMatchObject({ format: 'pve-ct-timezone' });
    expect(schemaKey('nameserver')).toMatchObject({ format: 'lxc-ip-with-ll-iface-list' });
  });

  it.each([
    'net32',
    'net00',
    'mp256',
    'mp1000',
    'rootfs0',
    'lxc',
    'digest',
    'snapstate',
    'hasOwnProperty',
    '',
  ])('%j is not a schema key', (key) => {
    expect(schemaKey(key)).toBeUndefined();
  });

  it('every key has a description', () => {
    for (const key of allSchemaKeys()) expect(schemaKey(key)?.description, key).toBeTruthy();
  });
});
