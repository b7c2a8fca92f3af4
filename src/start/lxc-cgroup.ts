/**
 * The cgroup lines of the LXC config: where LXC puts the container's cgroups (LXC ≥ 4), the
 * memory and CPU limits of the cgroup v2 controllers, and the CPUs chosen for `cores` (spec A.1
 * rows 1, 17, 18 and 24).
 */
import type { ConfigValue } from '../config/model.js';
import { isPerlTrue } from '../perl/index.js';
import type { RandomSource } from '../random/random-source.js';
import type { HostFacts } from './host-facts.js';
import { ownValue } from './host-facts.js';
import { chooseCpus, parseCpuList, printCpuList } from './cpu-list.js';
import type { LxcLines } from './lxc-lines.js';
import { intText, numify, scaledIntText } from './perl-numbers.js';
import { startError, stop } from './start-diagnostics.js';

/** Row 1: the cgroup directory layout PVE asks of LXC 4 and later. */
export function addCgroupDirLines(lines: LxcLines, vmid: number, lxcMajor: number): void {
  if (lxcMajor < 4) return;
  lines.add('lxc.cgroup.relative', '0');
  lines.add('lxc.cgroup.dir.monitor', `lxc.monitor/${vmid}`);
  lines.add('lxc.cgroup.dir.container', `lxc/${vmid}`);
  lines.add('lxc.cgroup.dir.container.inner', 'ns');
}

/** Whether the unified hierarchy lists `controller` (false when there is none). */
export function hasV2Controller(facts: HostFacts, controller: string): boolean {
  return facts.cgroupV2Controllers !== null && facts.cgroupV2Controllers.includes(controller);
}

const MIB = 1024 * 1024;

/**
 * Rows 17–18: `memory.max` = memory MiB (512 when unset or 0), `memory.high` = memory − 128 MiB
 * from 16 GiB on, else memory × 1016 KiB; `memory.swap.max` = swap (0 when unset); `cpu.max` from
 * `cpulimit` (truncated), `cpu.weight` from `cpuunits` clamped by the cgroup mode.
 */
export function addLimitLines(
  lines: LxcLines,
  values: Readonly<Record<string, ConfigValue>>,
  facts: HostFacts,
): void {
  if (hasV2Controller(facts, 'memory')) {
    const memoryValue = values['memory'];
    const memory = isPerlTrue(memoryValue) ? numify(memoryValue as ConfigValue) : 512;
    const swapValue = values['swap'];
    const swap = swapValue === undefined ? 0 : numify(swapValue);
    lines.add('lxc.cgroup2.memory.max', scaledIntText(memory, MIB));
    lines.add(
      'lxc.cgroup2.memory.high',
      memory >= 16384 ? scaledIntText(memory - 128, MIB) : scaledIntText(memory, 1016 * 1024),
    );
    lines.add('lxc.cgroup2.memory.swap.max', scaledIntText(swap, MIB));
  }
  if (hasV2Controller(facts, 'cpu')) {
    const cpulimit = values['cpulimit'];
    if (isPerlTrue(cpulimit)) {
      lines.add(
        'lxc.cgroup2.cpu.max',
        `${intText(100000 * numify(cpulimit as ConfigValue))} 100000`,
      );
    }
    const cpuunits = values['cpuunits'];
    if (cpuunits !== undefined)
      lines.add(
        'lxc.cgroup2.cpu.weight',
        clampCpuUnitsText(cpuunits, facts.cgroupMode),
        'cpuunits',
      );
  }
}

/**
 * PVE's `clamp_cpu_shares` for cgroup v2 (≥ 10000 → 10000, no lower bound) or v1 (< 2 → 2); an
 * unclamped value keeps its text. An unknown mode is an error.
 */
function clampCpuUnitsText(value: ConfigValue, mode: 1 | 2 | null): string {
  const n = numify(value);
  if (mode === 2) return n >= 10000 ? '10000' : String(value);
  if (mode === 1) return n < 2 ? '2' : String(value);
  return stop(startError('LXC_CGROUP_MODE_UNKNOWN', 'unknown cgroup mode\n', { path: 'cpuunits' }));
}

/** Where the cpuset controller is (`find_cgroup_controller('cpuset')`): v2 wins. */
function cpusetController(facts: HostFacts): { dir: string; version: 1 | 2 } | undefined {
  if (hasV2Controller(facts, 'cpuset')) {
    if (facts.cgroupMode === null) return undefined;
    return {
      dir: facts.cgroupMode === 2 ? '/sys/fs/cgroup' : '/sys/fs/cgroup/unified',
      version: 2,
    };
  }
  if (facts.cgroupV1Controllers.includes('cpuset'))
    return { dir: '/sys/fs/cgroup/cpuset', version: 1 };
  return undefined;
}

/**
 * Row 24: with `cores` set and no raw `lxc.cgroup2.cpuset.cpus`, `cores` CPUs drawn at random from
 * the effective CPUs of `<cpuset dir>/lxc` (an empty set when that directory has no list).
 */
export function addCpusetLine(
  lines: LxcLines,
  values: Readonly<Record<string, ConfigValue>>,
  rawLxc: ReadonlyArray<readonly [string, string]>,
  facts: HostFacts,
  random: RandomSource,
): void {
  const cores = values['cores'];
  if (!isPerlTrue(cores)) return;
  if (rawLxc.some(([key]) => key === 'lxc.cgroup2.cpuset.cpus')) return;
  const controller = cpusetController(facts);
  if (controller === undefined) return;
  const effective = ownValue(facts.cpusetEffective, `${controller.dir}/lxc`);
  const ids =
    effective !== undefined && effective.version === controller.version
      ? parseCpuList(effective.cpus)
      : [];
  const chosen = chooseCpus(ids, numify(cores as ConfigValue), random);
  lines.add(
    controller.version === 2 ? 'lxc.cgroup2.cpuset.cpus' : 'lxc.cgroup.cpuset.cpus',
    printCpuList(chosen),
  );
}
