/**
 * What `pct` would refuse before a setup hook runs: config values the API (`pct set`, `pct create`)
 * would reject, and host DNS given on the command line. Proxmox's config file reader only warns
 * about a bad value and keeps it, so a hostname such as `ct1 localhost evil.example` reaches
 * /etc/hostname and /etc/hosts; a caller that wants Proxmox's behaviour goes on with the warnings,
 * every other caller stops on these errors.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigSection } from '../config/model.js';
import { errorDiagnostic, messageOfProxmoxText } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { checkApiValue } from '../schema/check-value.js';
import { splitList } from '../perl/index.js';
import type { HostDns } from './setup-settings.js';

/** Codes of {@link checkSetupConfig} and {@link checkHostDns}. */
export type SetupInputCode =
  /** A config value that the API (`pct set`) would refuse, e.g. a hostname with spaces. */
  | 'SETUP_CONFIG_VALUE_REFUSED'
  /** A host DNS server given to the planner (e.g. `--nameserver`) is not an IP address. */
  | 'SETUP_NAMESERVER_INVALID'
  /** A host search domain given to the planner (e.g. `--searchdomain`) is not a DNS name. */
  | 'SETUP_SEARCHDOMAIN_INVALID';

/** `400 Parameter verification failed.` with one `key: message` line, as the API answers. */
const apiText = (key: string, message: string): string =>
  `400 Parameter verification failed.\n${key}: ${message.trimEnd()}\n`;

/**
 * The values of a config's main section that `pct set` would refuse, one error per key, in key
 * order. `skip` names keys already reported (e.g. by the config reader), which are not checked
 * again.
 */
export function checkSetupConfig(
  section: ConfigSection,
  skip: ReadonlySet<string> = new Set(),
): Diagnostic<SetupInputCode>[] {
  const out: Diagnostic<SetupInputCode>[] = [];
  for (const key of Object.keys(section.values)) {
    if (skip.has(key)) continue;
    const value = section.values[key];
    if (value === undefined) continue;
    const r = checkApiValue(key, String(value));
    if (E.isLeft(r))
      out.push(
        errorDiagnostic(
          'SETUP_CONFIG_VALUE_REFUSED',
          `${key}: ${messageOfProxmoxText(r.left.message)} (pct set refuses this value)`,
          { path: key, proxmoxText: apiText(key, r.left.message) },
        ),
      );
  }
  return out;
}

/**
 * Checks host DNS as the API checks the config's `nameserver` (`lxc-ip-with-ll-iface-list`) and
 * `searchdomain` (`dns-name-list`): every item on its own, so that no item can carry a resolv.conf
 * keyword or option (`search evil.com options ndots:15`). `source` names where the values came
 * from in the messages (default `nameserver` / `searchdomain`).
 */
export function checkHostDns(
  dns: HostDns,
  source: { readonly nameserver?: string; readonly searchdomain?: string } = {},
): Diagnostic<SetupInputCode>[] {
  const out: Diagnostic<SetupInputCode>[] = [];
  const check = (
    key: 'nameserver' | 'searchdomain',
    code: SetupInputCode,
    items: readonly string[],
  ): void => {
    const name = source[key] ?? key;
    for (const item of items) {
      // One item must stay one item: anything split_list would cut is refused too.
      const parts = splitList(item);
      const bad = parts.length !== 1 ? `'${item}' is not a single value` : undefined;
      const r = checkApiValue(key, item);
      const message = bad ?? (E.isLeft(r) ? r.left.message.trimEnd() : undefined);
      if (message !== undefined)
        out.push(
          errorDiagnostic(code, `${name}: ${messageOfProxmoxText(message)}`, {
            path: key,
            proxmoxText: apiText(key, message),
          }),
        );
    }
  };
  check('nameserver', 'SETUP_NAMESERVER_INVALID', dns.nameservers);
  check('searchdomain', 'SETUP_SEARCHDOMAIN_INVALID', dns.searchdomains);
  return out;
}
