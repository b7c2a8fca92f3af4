import { describe, expect, it } from 'vitest';
import {
  UPSTART_POWER_STATUS_CONF,
  UPSTART_POWER_STATUS_CONF_TEXT,
  UPSTART_START_TTYS_CONF,
  UPSTART_START_TTYS_CONF_TEXT,
  UPSTART_TTY_CONF,
  UPSTART_TTY_CONF_TEXT,
  RC_SYSINIT,
  disableStartUdev,
  fixUpstartTtyConf,
} from '../../src/setup/centos-upstart.js';
import { expected, input } from './ifcfg-cases.js';

describe('CentOS 6 upstart texts match test-centos6-001', () => {
  it.each([
    [UPSTART_TTY_CONF, UPSTART_TTY_CONF_TEXT],
    [UPSTART_START_TTYS_CONF, UPSTART_START_TTYS_CONF_TEXT],
    [UPSTART_POWER_STATUS_CONF, UPSTART_POWER_STATUS_CONF_TEXT],
  ])('%s', (path, text) => expect(text).toBe(expected('test-centos6-001', path)));
});

describe('fixUpstartTtyConf', () => {
  it.each([
    ['exec /sbin/mingetty $TTY\n', 'exec /sbin/mingetty --nohangup $TTY\n'],
    ['exec /sbin/mingetty --nohangup $TTY\n', 'exec /sbin/mingetty --nohangup $TTY\n'],
    [
      'x\n  exec /sbin/mingetty $TTY\nexec /sbin/mingetty  tty1 --nohangup',
      'x\n  exec /sbin/mingetty $TTY\nexec /sbin/mingetty  tty1 --nohangup',
    ],
    ['exec /sbin/mingetty $TTY', 'exec /sbin/mingetty --nohangup $TTY'],
  ])('%j', (inp, out) => expect(fixUpstartTtyConf(inp)).toBe(out));

  it('is idempotent on the stock text', () => {
    expect(fixUpstartTtyConf(UPSTART_TTY_CONF_TEXT)).toBe(UPSTART_TTY_CONF_TEXT);
  });
});

describe('disableStartUdev', () => {
  it('matches test-centos6-001 rc.sysinit.exp (trailing blank lines kept)', () => {
    expect(disableStartUdev(input('test-centos6-001', RC_SYSINIT)!)).toBe(
      expected('test-centos6-001', RC_SYSINIT),
    );
  });
  it('only touches lines starting with /sbin/start_udev', () => {
    expect(disableStartUdev(' /sbin/start_udev\n/sbin/start_udev\n#/sbin/start_udev')).toBe(
      ' /sbin/start_udev\n#/sbin/start_udev\n#/sbin/start_udev',
    );
  });
});
