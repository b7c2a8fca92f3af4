/** Facts about Proxmox's setup test harness (shared/pve-tests/README.md, setup spec §7). */

/** The paths upstream compares after each run, where a `.exp` exists. */
export const COMPARED: readonly string[] = [
  'etc/hostname',
  'etc/hosts',
  'etc/inittab',
  'etc/locale.conf',
  'etc/network/interfaces',
  'etc/resolv.conf',
  'etc/passwd',
  'etc/shadow',
  ...[0, 1, 2, 3].map((n) => `etc/NetworkManager/system-connections/eth${n}.nmconnection`),
  'etc/sysconfig/network',
  ...[0, 1, 2, 3].flatMap((n) =>
    ['ifcfg', 'route', 'route6'].map((k) => `etc/sysconfig/network-scripts/${k}-eth${n}`),
  ),
  ...[0, 1, 2, 3].flatMap((n) =>
    ['ifcfg', 'ifroute'].map((k) => `etc/sysconfig/network/${k}-eth${n}`),
  ),
  'etc/systemd/system-preset/00-pve.preset',
  'etc/systemd/network/eth0.network',
  'etc/init/start-ttys.conf',
  'etc/init/tty.conf',
  'etc/init/power-status-changed.conf',
  'etc/securetty',
  'etc/crontab',
  'root/.ssh/authorized_keys',
  'roothome/.ssh/authorized_keys',
];
