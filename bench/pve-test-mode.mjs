// The fixed inputs of Proxmox's setup test harness (setup spec §7), for the setup benches.
import { drand48 } from '../dist/index.js';
import { NIL_UUID } from '../dist/setup/index.js';

/** Planning inputs as upstream's run_setup_tests.pl sets them (a fresh drand48 seeded with 0). */
export function pveTestInputs() {
  return {
    hook: 'post-create',
    now: 1732838400,
    random: drand48(0),
    uuid: () => NIL_UUID,
    hostDns: { nameservers: ['8.8.8.8', '8.8.8.9'], searchdomains: ['proxmox.com'] },
    rootPasswordHash: '$5$SALT$PASS',
    sshKeys: 'ssh-rsa ABCDEFG ABC@DEF',
  };
}
