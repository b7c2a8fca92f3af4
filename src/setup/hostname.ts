/** The Base `set_hostname` step (spec §4.1): `/etc/hosts` first, then `/etc/hostname`. */
import { hostnamePart, updateEtcHosts } from './hosts.js';
import type { SetupContext } from './os/os-plugin.js';
import type { PlanBuilder } from './plan-builder.js';

/** The configured hostname, or `localhost`. */
export function configuredHostname(ctx: SetupContext): string {
  return ctx.settings.hostname ?? 'localhost';
}

/** Base: update `/etc/hosts`, then write the short name to `/etc/hostname`. */
export function setHostnameBase(b: PlanBuilder, ctx: SetupContext): void {
  const hostname = configuredHostname(ctx);
  updateEtcHosts(b, hostname, ctx.dns.searchdomains, ctx.settings.nets);
  b.setContents(
    '/etc/hostname',
    hostnamePart(hostname) + '\n',
    `hostname ${hostnamePart(hostname)}`,
  );
}
