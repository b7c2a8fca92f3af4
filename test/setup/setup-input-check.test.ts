/** What pct would refuse before a setup hook runs: config values and host DNS (issue 12 item 1). */
import { describe, expect, it } from 'vitest';
import { checkHostDns, checkSetupConfig } from '../../src/setup/setup-input-check.js';

describe('checkSetupConfig', () => {
  it('refuses a hostname with spaces (SETUP_CONFIG_VALUE_REFUSED, the API text)', () => {
    const [d, ...rest] = checkSetupConfig({
      values: { hostname: 'ct1 localhost evil.example', cores: 2 },
      lxc: [],
    });
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      code: 'SETUP_CONFIG_VALUE_REFUSED',
      severity: 'error',
      path: 'hostname',
      proxmoxText:
        '400 Parameter verification failed.\nhostname: invalid format - value does not look like a valid DNS name\n',
    });
  });
  it('skips keys already reported and accepts a clean config', () => {
    expect(
      checkSetupConfig({ values: { hostname: 'a b' }, lxc: [] }, new Set(['hostname'])),
    ).toEqual([]);
    expect(
      checkSetupConfig({
        values: { hostname: 'ct1.example.com', memory: 512, onboot: 1 },
        lxc: [],
      }),
    ).toEqual([]);
  });
});

describe('checkHostDns', () => {
  it('checks every item as the API checks nameserver and searchdomain', () => {
    const ds = checkHostDns({
      nameservers: ['1.1.1.1', 'evil'],
      searchdomains: ['ok.example', 'ndots:15', 'a b'],
    });
    expect(ds.map((d) => d.code)).toEqual([
      'SETUP_NAMESERVER_INVALID',
      'SETUP_SEARCHDOMAIN_INVALID',
      'SETUP_SEARCHDOMAIN_INVALID',
    ]);
    expect(ds[2]?.message).toBe("searchdomain: 'a b' is not a single value");
    expect(checkHostDns({ nameservers: ['2001:db8::1'], searchdomains: ['example.org'] })).toEqual(
      [],
    );
  });
});
