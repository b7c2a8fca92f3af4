/** The `set_dns` step (spec §4.3): the PVE section of `/etc/resolv.conf` in replace mode. */
import type { DnsSettings } from './ip-network.js';
import type { PlanBuilder } from './plan-builder.js';

/** The section text: `search …` when there are search domains, then one `nameserver` per server. */
export function renderResolvConf(dns: DnsSettings): string {
  let text = dns.searchdomains.length > 0 ? `search ${dns.searchdomains.join(' ')}\n` : '';
  for (const ns of dns.nameservers) text += `nameserver ${ns}\n`;
  return text;
}

/** Writes the DNS section; a file without markers is replaced entirely. */
export function setDns(b: PlanBuilder, dns: DnsSettings): void {
  b.modifyFile('/etc/resolv.conf', renderResolvConf(dns), 'DNS servers and search domains', {
    replace: true,
  });
}
