/** `clear_machine_id` (spec §4.8): fresh machine ids for created and cloned containers. */
import type { PlanBuilder } from './plan-builder.js';

/** Whether the container uses systemd (`/lib/systemd/systemd` or `/usr/lib/systemd/systemd` is executable). */
export function usesSystemd(b: PlanBuilder): boolean {
  return b.isExecutable('/lib/systemd/systemd') || b.isExecutable('/usr/lib/systemd/systemd');
}

/**
 * Removes dbus' copy for systemd containers; on create unlinks `/etc/machine-id` (first boot
 * applies presets), on clone empties it unless it says `uninitialized`.
 */
export function clearMachineId(b: PlanBuilder, clone: boolean): void {
  const systemd = usesSystemd(b);
  const dbus = '/var/lib/dbus/machine-id';
  if (systemd && b.fileExists(dbus) && !b.isSymlink(dbus))
    b.unlink(dbus, 'dbus reads the machine id from /etc');
  if (!b.fileExists('/etc/machine-id')) return;
  if (!clone) {
    b.unlink('/etc/machine-id', 'a new machine id on first boot');
  } else if (systemd && b.readFirstLine('/etc/machine-id') !== 'uninitialized') {
    b.setContents('/etc/machine-id', '\n', 'a new machine id for the clone');
  }
}
