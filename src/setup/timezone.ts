/** The `set_timezone` step (spec §4.4): `/etc/localtime` link and an existing `/etc/timezone`. */
import type { SetupContext } from './os/os-plugin.js';
import type { PlanBuilder } from './plan-builder.js';

/** Points `/etc/localtime` at the configured zone; warns when the zone file is missing in the CT. */
export function setTimezone(b: PlanBuilder, ctx: SetupContext): void {
  const tz = ctx.settings.timezone;
  if (tz === undefined) return;
  let path: string;
  let name: string;
  if (tz === 'host') {
    if (ctx.hostTimezone === undefined) {
      b.warn('SETUP_TIMEZONE_UNKNOWN', 'host time zone not known, timezone can not be modified');
      return;
    }
    path = ctx.hostTimezone.localtimePath;
    name = ctx.hostTimezone.name;
  } else {
    path = `/usr/share/zoneinfo/${tz}`;
    name = tz;
  }
  if (!b.fileExists(path)) {
    b.warn(
      'SETUP_TIMEZONE_MISSING',
      `container does not have ${path}, timezone can not be modified`,
    );
    return;
  }
  if (b.realPath('/etc/localtime') !== path)
    b.replaceWithSymlink(path, '/etc/localtime', `time zone ${name}`);
  if (b.fileExists('/etc/timezone'))
    b.setContents('/etc/timezone', name + '\n', `time zone ${name}`);
}
