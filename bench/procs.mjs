// Where the machine's CPU and memory go during a run, from /proc (Linux): CPU time and resident memory
// per process tree (a started service, PostgreSQL with its backends, RabbitMQ, Kafka, Redis, the bench
// itself) and the machine's idle share, for the checkin suite's resource tables.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const sysconf = (name, fallback) => {
  try {
    return Number(execFileSync('getconf', [name], { encoding: 'utf8' }).trim()) || fallback;
  } catch {
    return fallback;
  }
};
/** Clock ticks per second of /proc's CPU times, bytes per page of its resident sizes. */
const TICKS_PER_S = sysconf('CLK_TCK', 100);
const PAGE_BYTES = sysconf('PAGESIZE', 4096);

/**
 * Every process now: pid → { ppid, comm, ownTicks (utime + stime), ticks (ownTicks + cutime + cstime:
 * with the children it reaped), rssBytes }. Processes that end while being read are skipped.
 */
function processes() {
  const all = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
    const close = stat.lastIndexOf(')');
    const f = stat.slice(close + 2).split(' ');
    all.set(Number(name), {
      ppid: Number(f[1]),
      comm: stat.slice(stat.indexOf('(') + 1, close),
      ownTicks: Number(f[11]) + Number(f[12]),
      ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]),
      rssBytes: Number(f[21]) * PAGE_BYTES,
    });
  }
  return all;
}

/** A process's command line, arguments joined by spaces ('' once it has ended). */
export const cmdline = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
};

/** The local infrastructure's processes, by what they run; each the root of its group's tree. */
export const INFRASTRUCTURE = [
  {
    name: 'PostgreSQL',
    // The postmaster: a postgres process whose parent is not one (its backends and workers are).
    match: (p, all) => p.comm === 'postgres' && all.get(p.ppid)?.comm !== 'postgres',
  },
  { name: 'RabbitMQ', match: (p, _all, pid) => p.comm === 'beam.smp' && cmdline(pid).includes('rabbit') },
  { name: 'Kafka', match: (p, _all, pid) => p.comm === 'java' && cmdline(pid).includes('kafka.Kafka') },
  { name: 'Redis', match: (p) => p.comm === 'redis-server' },
];

/**
 * Machine-wide CPU ticks from /proc/stat's first line: busy (user … steal), idle (idle + iowait) and
 * interrupts (irq + softirq, part of busy, charged to no process).
 */
function machineTicks() {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return {
    busy: user + nice + system + irq + softirq + (steal ?? 0),
    idle: idle + iowait,
    interrupts: irq + softirq,
  };
}

/**
 * Starts measuring `groups` ({ name, pid } for a process we started, { name, match } as in
 * INFRASTRUCTURE for one found by what it runs): each group is its root process(es) and every
 * descendant, a process counted in the first group that holds it. Returns `stop()`, which resolves with
 *   { wallMs, window: [startUs, endUs] (CLOCK_MONOTONIC, as in V8's CPU profiles),
 *     machine: { busyMs, interruptsMs, idleShare (0..1 of all cores), cores },
 *     groups: [{ name, processes, cpuMs, rssPeakBytes, pssBytes (at stop; undefined when unreadable) }],
 *     others: [{ comm, processes, cpuMs }] (the busiest processes outside the groups alive at stop, by
 *       their own CPU: a reaped child's whole life would land in its parent's) }.
 * A group whose root is not found is reported with processes 0. RSS is sampled every `sampleMs`.
 */
export function startProbe(groups, { sampleMs = 1000 } = {}) {
  const first = processes();
  const roots = groups.map((g) =>
    g.pid !== undefined
      ? [g.pid].filter((pid) => first.has(pid))
      : [...first].filter(([pid, p]) => g.match(p, first, pid)).map(([pid]) => pid),
  );
  /** pid sets per group in `all`: roots plus descendants, each pid in the first group that claims it. */
  const members = (all) => {
    const children = new Map();
    for (const [pid, p] of all) {
      if (!children.has(p.ppid)) children.set(p.ppid, []);
      children.get(p.ppid).push(pid);
    }
    const claimed = new Set();
    return roots.map((rootPids) => {
      const mine = [];
      const queue = rootPids.filter((pid) => all.has(pid));
      while (queue.length) {
        const pid = queue.shift();
        if (claimed.has(pid)) continue;
        claimed.add(pid);
        mine.push(pid);
        queue.push(...(children.get(pid) ?? []));
      }
      return mine;
    });
  };
  const ticksOf = (all) => members(all).map((pids) => pids.reduce((s, pid) => s + all.get(pid).ticks, 0));
  const startTicks = ticksOf(first);
  const rssPeak = groups.map(() => 0);
  const sample = () => {
    const all = processes();
    members(all).forEach((pids, i) => {
      rssPeak[i] = Math.max(
        rssPeak[i],
        pids.reduce((s, pid) => s + all.get(pid).rssBytes, 0),
      );
    });
  };
  const startMachine = machineTicks();
  const startUs = Number(process.hrtime.bigint() / 1000n);
  const started = performance.now();
  sample();
  const timer = setInterval(sample, sampleMs);
  return {
    async stop() {
      clearInterval(timer);
      sample();
      const endUs = Number(process.hrtime.bigint() / 1000n);
      const wallMs = performance.now() - started;
      const last = processes();
      const endTicks = ticksOf(last);
      const inGroups = new Set(members(last).flat());
      const others = new Map();
      for (const [pid, p] of last) {
        if (inGroups.has(pid)) continue;
        const ticks = p.ownTicks - (first.get(pid)?.ownTicks ?? 0);
        if (ticks <= 0) continue;
        const comm = label(pid, p.comm);
        const o = others.get(comm) ?? { comm, processes: 0, ticks: 0 };
        o.processes++;
        o.ticks += ticks;
        others.set(comm, o);
      }
      const machine = machineTicks();
      const ms = (ticks) => (ticks * 1000) / TICKS_PER_S;
      const busy = machine.busy - startMachine.busy;
      const idle = machine.idle - startMachine.idle;
      return {
        wallMs,
        window: [startUs, endUs],
        machine: {
          busyMs: ms(busy),
          interruptsMs: ms(machine.interrupts - startMachine.interrupts),
          idleShare: idle / (busy + idle || 1),
          cores: cores(),
        },
        groups: members(last).map((pids, i) => ({
          name: groups[i].name,
          processes: pids.length,
          cpuMs: ms(endTicks[i] - startTicks[i]),
          rssPeakBytes: rssPeak[i],
          pssBytes: pss(pids),
        })),
        others: [...others.values()]
          .map(({ comm, processes, ticks }) => ({ comm, processes, cpuMs: ms(ticks) }))
          .sort((a, b) => b.cpuMs - a.cpuMs),
      };
    },
  };
}

/** What a process is, for a reader: its comm, or for Node (whose main thread is "MainThread") its script. */
function label(pid, comm) {
  if (comm !== 'MainThread' && comm !== 'node') return comm;
  const script = cmdline(pid).split(' ')[1] ?? '';
  return `node ${script.split('/').pop()}`;
}

const cores = () => readFileSync('/proc/stat', 'utf8').match(/^cpu\d+ /gm)?.length ?? 1;

/** Proportional set size of `pids` (shared pages split between their users), from smaps_rollup. */
function pss(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      total += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))[1]) * 1024;
    } catch {
      return undefined;
    }
  }
  return total;
}

/**
 * The markdown table of a probe's result, CPU per `unit` (e.g. 'saga'; `units` its plural) over `count` of them: one row
 * per group, then what the machine spent outside the listed processes (naming the busiest) and in
 * interrupts, then the machine's total.
 */
export function resourceTable(result, count, unit, units = `${unit}s`) {
  const mb = (bytes) => (bytes === undefined ? 'n/a' : (bytes / 2 ** 20).toFixed(0));
  const listedMs = result.groups.reduce((s, g) => s + g.cpuMs, 0);
  const { busyMs, interruptsMs, idleShare, cores } = result.machine;
  // /proc/stat and the processes' own counters tick apart: a few ms of difference either way is noise.
  const otherMs = Math.max(0, busyMs - listedMs - interruptsMs);
  const per = (cpuMs) => (cpuMs / count).toFixed(2);
  const busiest = result.others
    .filter((o) => o.cpuMs / count >= 0.5)
    .slice(0, 4)
    .map((o) => `${o.comm} ×${o.processes}: ${per(o.cpuMs)}`);
  const share = (cpuMs) => `${((100 * cpuMs) / busyMs).toFixed(0)} %`;
  const lines = [
    `| process | processes | RSS MB, peak | PSS MB, at end | CPU ms per ${unit} | share of busy CPU |`,
    '|:--|--:|--:|--:|--:|--:|',
    ...result.groups.map(
      (g) =>
        `| ${g.name} | ${g.processes} | ${mb(g.rssPeakBytes)} | ${mb(g.pssBytes)} | ${per(g.cpuMs)} | ${share(g.cpuMs)} |`,
    ),
    `| other processes${busiest.length ? ` (${busiest.join(', ')})` : ''} | | | | ${per(otherMs)} | ${share(otherMs)} |`,
    `| kernel interrupts (irq, softirq) | | | | ${per(interruptsMs)} | ${share(interruptsMs)} |`,
    `| machine, all processes | | | | ${per(busyMs)} | 100 % |`,
  ];
  return [
    ...lines,
    `${count} ${units} in ${(result.wallMs / 1000).toFixed(1)} s: ${per(busyMs)} CPU ms per ${unit} on the machine ` +
      `(${per(listedMs)} in the listed processes); machine idle ${(100 * idleShare).toFixed(0)} % of ${cores} cores`,
  ].join('\n');
}
