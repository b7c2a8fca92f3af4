/**
 * `pctkit detect`, `pctkit plan` and `pctkit apply`: OS detection, setup planning and applying a
 * plan to a real container rootfs, the way `pct` does them at container creation (post-create)
 * and start (pre-start). One module per command (detect-command, plan-command, apply-command),
 * the host facts in setup-host and the shared preparation in setup-preparation; this module
 * gathers them for the CLI's dispatcher.
 *
 * The pure core (src/os, src/setup) takes every input explicitly; the CLI supplies them from the
 * host: the clock (`--now`), randomness (`--seed`, else the host's CSPRNG), UUIDs, the host's DNS
 * (its /etc/resolv.conf) and time zone. `--pve-test-mode` replaces them with the fixed inputs of
 * Proxmox's own setup test harness (spec §7). The rootfs is read and written only through
 * src/effects (chroot path semantics, atomic replace).
 */
import { applyHead } from './apply-command.js';
import { detectUsage } from './detect-command.js';
import { planHead } from './plan-command.js';
import { inputOptionsUsage } from './setup-preparation.js';

export { applyUsage, runApplyCommand } from './apply-command.js';
export { detectUsage, runDetectCommand } from './detect-command.js';
export { formatOperation, planUsage, runPlanCommand } from './plan-command.js';
export {
  PVE_TEST_DNS,
  SETUP_HOOKS,
  parseHostResolvConf,
  parseNow,
  processSetupHost,
} from './setup-host.js';
export type { SetupHost } from './setup-host.js';

/** Usage text of the three setup commands (part of the main usage). */
export const setupUsage = detectUsage + planHead + applyHead + inputOptionsUsage;
