import { describe, expect, it } from 'vitest';
import { fsSnapshot } from '../../src/os/fs-snapshot.js';
import { drand48 } from '../../src/random/drand48.js';
import { randomiseCrontabText } from '../../src/setup/crontab.js';
import {
  cleanAttributes,
  interfaceModel,
  renderInterfaces,
} from '../../src/setup/debian-interfaces.js';
import { hostAddress, hostsNames, renderHostsSection } from '../../src/setup/hosts.js';
import { renderNetworkdUnit } from '../../src/setup/networkd.js';
import { renderDebianInittab } from '../../src/setup/os/debian.js';
import { alpineUsesCidr, renderAlpineInittab } from '../../src/setup/os/alpine.js';
import { perlNumber } from '../../src/setup/os/os-plugin.js';
import { upstartTtyJob } from '../../src/setup/os/ubuntu.js';
import { PlanBuilder } from '../../src/setup/plan-builder.js';
import { isPreHashedPassword, setRootPassword } from '../../src/setup/root-password.js';
import { renderResolvConf } from '../../src/setup/resolv-conf.js';
import { renderSecuretty } from '../../src/setup/securetty.js';
import { dnsSettings, idMapOwner, netInterfaces } from '../../src/setup/setup-settings.js';
import type { NetInterface } from '../../src/setup/setup-settings.js';
import { renderSystemdPreset } from '../../src/setup/systemd.js';
import type { ConfigSection } from '../../src/config/model.js';
import * as E from 'fp-ts/lib/Either.js';

const section = (
  values: Record<string, string | number>,
  lxc: [string, string][] = [],
): ConfigSection => ({ values, lxc });

const nets = (s: ConfigSection): NetInterface[] => {
  const r = netInterfaces(s);
  if (E.isLeft(r)) throw new Error(r.left);
  return r.right;
};

describe('config view', () => {
  it('DNS values fall back to the host per value', () => {
    const host = { nameservers: ['8.8.8.8'], searchdomains: ['example.org'] };
    expect(dnsSettings(section({ nameserver: '1.1.1.1' }), host)).toEqual({
      nameservers: ['1.1.1.1'],
      searchdomains: ['example.org'],
    });
  });

  it('id map owner: lxc.idmap entries for id 0, else 100000 for unprivileged', () => {
    expect(idMapOwner(section({}))).toBeUndefined();
    expect(idMapOwner(section({ unprivileged: 1 }))).toEqual({ uid: 100000, gid: 100000 });
    expect(
      idMapOwner(
        section({ unprivileged: 1 }, [
          ['lxc.idmap', 'u 0 200000 65536'],
          ['lxc.idmap', 'g 0 300000 65536'],
        ]),
      ),
    ).toEqual({ uid: 200000, gid: 300000 });
  });

  it('reads named netN entries in index order', () => {
    const list = nets(
      section({
        net2: 'name=eth2,ip=dhcp',
        net0: 'bridge=vmbr0,name=eth0,ip6=auto',
      }),
    );
    expect(list.map((n) => [n.index, n.name, n.ip, n.ip6])).toEqual([
      [0, 'eth0', undefined, 'auto'],
      [2, 'eth2', 'dhcp', undefined],
    ]);
  });

  it('an unparsable netN is an error', () => {
    expect(E.isLeft(netInterfaces(section({ net1: 'bridge=vmbr0' })))).toBe(true);
    expect(E.isLeft(netInterfaces(section({ net0: 'name=eth0,bogus=1' })))).toBe(true);
  });
});

describe('hosts', () => {
  it('names: FQDN ignores search domains; short names get one entry per domain', () => {
    expect(hostsNames('ct.example.com', ['a.b'])).toBe('ct.example.com ct');
    expect(hostsNames('ct', ['a.b', 'c.d'])).toBe('ct.a.b ct.c.d ct');
    expect(hostsNames('ct', [])).toBe('ct');
  });

  it('host address from net0 only, v4 before v6', () => {
    expect(hostAddress(nets(section({ net0: 'name=eth0,ip=dhcp,ip6=fc00::1/64' })))).toBe(
      'fc00::1',
    );
    expect(hostAddress(nets(section({ net1: 'name=eth1,ip=1.2.3.4/24' })))).toBeUndefined();
  });

  it('localhost lines only when absent outside PVE sections; 127.0.1.1 localhost special case', () => {
    const existing = '127.0.0.1 localhost\n# --- BEGIN PVE ---\n::1 localhost\n# --- END PVE ---\n';
    expect(renderHostsSection(existing, 'localhost', ['x.y'], undefined)).toBe(
      '::1 localhost.localnet localhost\n127.0.1.1 localhost\n',
    );
    expect(renderHostsSection(undefined, 'ct', ['x.y'], '10.0.0.1')).toBe(
      '127.0.0.1 localhost.localnet localhost\n::1 localhost.localnet localhost\n10.0.0.1 ct.x.y ct\n',
    );
  });
});

describe('crontab randomisation', () => {
  it('draws one minute per numeric-minute root line (srand(0): 10, 44, 5, 51)', () => {
    const input =
      '17 * * * * root cd / && run-parts\n25 6\t* * *\troot test\n*/5 * * * * root x\n47 6 * * 7 root a\n52 6 1 * * root b\n1 2 3 4 5 user c\n';
    expect(randomiseCrontabText(input, drand48(0))).toBe(
      '10 * * * * root cd / && run-parts\n44 6\t* * *\troot test\n*/5 * * * * root x\n5 6 * * 7 root a\n51 6 1 * * root b\n1 2 3 4 5 user c\n',
    );
  });
});

describe('small renderers', () => {
  it('resolv.conf section', () => {
    expect(renderResolvConf({ nameservers: ['1.1.1.1', '::1'], searchdomains: ['a', 'b'] })).toBe(
      'search a b\nnameserver 1.1.1.1\nnameserver ::1\n',
    );
    expect(renderResolvConf({ nameservers: [], searchdomains: [] })).toBe('');
  });

  it('securetty adds missing entries after normalising the final LF', () => {
    expect(renderSecuretty('console\ntty11', ['lxc/console', 'console', 'tty1 '])).toBe(
      'console\ntty11\nlxc/console\ntty1 \n',
    );
    expect(renderSecuretty('tty1  \n', ['tty1'])).toBe('tty1  \n');
  });

  it('systemd preset: defaults plus extras in byte order', () => {
    expect(renderSystemdPreset({ 'systemd-networkd.service': true })).toBe(
      '# Added by PVE at create-time for first-boot configuration.\nenable container-getty@.service\ndisable getty@.service\ndisable sys-kernel-config.mount\ndisable sys-kernel-debug.mount\nenable systemd-networkd.service\n',
    );
  });

  it('networkd: off-net gateway gets a link route; ip6=auto only', () => {
    expect(renderNetworkdUnit({ name: 'eth0', ip: '10.0.0.100/32', gw: '11.0.0.1' })).toBe(
      '[Match]\nName = eth0\n\n[Network]\nDescription = Interface eth0 autoconfigured by PVE\nAddress = 10.0.0.100/32\nGateway = 11.0.0.1\nDHCP = no\nIPv6AcceptRA = false\n\n[Route]\nDestination = 11.0.0.1/32\nScope = link\n',
    );
    expect(renderNetworkdUnit({ name: 'eth0', ip6: 'auto' })).toBe(
      '[Match]\nName = eth0\n\n[Network]\nDescription = Interface eth0 autoconfigured by PVE\nDHCP = no\nIPv6AcceptRA = true\n',
    );
    expect(renderNetworkdUnit({ name: 'eth1', ip: 'dhcp', ip6: 'dhcp', gw6: 'fe80::1' })).toContain(
      'Gateway = fe80::1\nDHCP = yes\nIPv6AcceptRA = false\n',
    );
  });

  it('inittabs', () => {
    expect(
      renderDebianInittab(
        'id:2:initdefault:\n1:2345:respawn:/sbin/getty 38400 tty1\npf::powerwait:x\n\n',
        6,
        2,
      ),
    ).toBe(
      'id:2:initdefault:\np0::powerfail:/sbin/init 0\n1:2345:respawn:/sbin/getty -L 38400 tty1\n2:23:respawn:/sbin/getty -L 38400 tty2\n',
    );
    expect(
      renderAlpineInittab(
        '::sysinit:/sbin/openrc sysinit\ntty1::respawn:/sbin/getty 38400 tty1\n',
        1,
      ),
    ).toBe('::sysinit:/sbin/openrc sysinit\ntty1::respawn:/sbin/getty 38400 tty1\n');
    expect(upstartTtyJob(3)).toContain('\n            container CONTAINER=lxc or\n');
  });

  it('versions compare as Perl numbers; Alpine CIDR style from 3.13', () => {
    expect(perlNumber('17.10')).toBe(17.1);
    expect(perlNumber('6.0.10')).toBe(6);
    expect(alpineUsesCidr('3.13.1')).toBe(true);
    expect(alpineUsesCidr('3.8.0')).toBe(false);
    expect(alpineUsesCidr(undefined)).toBe(false);
  });
});

describe('/etc/network/interfaces', () => {
  it('legacy route lines are removed only as a matching run of four', () => {
    const legacy = [
      'post-up ip route add 1.1.1.1 dev eth0',
      'post-up ip route add default via 1.1.1.1 dev eth0',
      'pre-down ip route del default via 1.1.1.1 dev eth0',
      'pre-down ip route del 1.1.1.1 dev eth0',
    ];
    expect(cleanAttributes(['mtu 1400', ...legacy, 'x'])).toEqual(['mtu 1400', 'x']);
    expect(
      cleanAttributes([...legacy.slice(0, 3), 'pre-down ip route del 2.2.2.2 dev eth0']),
    ).toHaveLength(4);
    expect(cleanAttributes(['a', '# --- BEGIN PVE ---', 'b', '# --- END PVE ---', 'c'])).toEqual([
      'a',
      'c',
    ]);
  });

  it('new stanzas are appended in byte order (eth10 before eth2); no model → untouched', () => {
    const model = interfaceModel(
      nets(section({ net0: 'name=eth2,ip=dhcp', net1: 'name=eth10,ip6=auto' })),
    );
    expect(E.isRight(model) && renderInterfaces(undefined, model.right, 'cidr')).toBe(
      'auto lo\niface lo inet loopback\niface lo inet6 loopback\n\nauto eth10\niface eth10 inet6 auto\n\nauto eth2\niface eth2 inet dhcp\n\n',
    );
    const empty = interfaceModel(nets(section({ net0: 'name=eth0' })));
    expect(E.isRight(empty) && renderInterfaces('x\n', empty.right, 'cidr')).toBeUndefined();
  });

  it('dhcp stanzas lose their attributes; unmanaged interfaces are copied', () => {
    const model = interfaceModel(nets(section({ net0: 'name=eth0,ip=dhcp' })));
    const existing =
      'auto lo\niface lo inet loopback\n\nauto eth0\niface eth0 inet static\n\taddress 1.2.3.4\n\tmtu 1400\n\niface eth9 inet static\n\taddress 9.9.9.9\n';
    expect(E.isRight(model) && renderInterfaces(existing, model.right, 'netmask')).toBe(
      'auto lo\niface lo inet loopback\n\nauto eth0\niface eth0 inet dhcp\n\niface eth9 inet static\n\taddress 9.9.9.9\n',
    );
  });

  it('rejects an IPv4 prefix below 8', () => {
    expect(interfaceModel([{ index: 0, name: 'eth0', ip: '1.2.3.4/7' }])).toEqual(
      E.left('unable to parse ipv4 address/mask'),
    );
  });
});

describe('root password', () => {
  it('accepts only crypt hashes verbatim', () => {
    expect(isPreHashedPassword('$5$SALT$PASS')).toBe(true);
    expect(isPreHashedPassword('$5$rounds=5000$SALT$PASS')).toBe(false);
    expect(isPreHashedPassword('secret')).toBe(false);
  });

  it('without shadow the hash goes into passwd; missing final newline is kept', () => {
    const b = new PlanBuilder(
      fsSnapshot({ '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\nbin:x:1:1::/:/bin/false' }),
    );
    setRootPassword(b, undefined, 0);
    expect(b.getContents('/etc/passwd')).toBe(
      'root:*:0:0:root:/root:/bin/sh\nbin:x:1:1::/:/bin/false',
    );
  });

  it('a plain-text password is an error, not hashed', () => {
    const b = new PlanBuilder(fsSnapshot({ '/etc/passwd': 'root:x:0:0::/root:/bin/sh\n' }));
    setRootPassword(b, 'secret', 0);
    expect(b.failed?.code).toBe('SETUP_PASSWORD_NOT_HASHED');
  });
});
