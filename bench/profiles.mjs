// CPU profiles of the services a suite starts, for its `--cpu-prof <dir>` option: each runs under
// Node's --cpu-prof and leaves <dir>/<service>.cpuprofile when it stops; <dir>/windows.json holds each
// run's time window, for `node bench/cpu-top.mjs <dir>/<service>.cpuprofile --window <run>`.
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The environment that makes a service write a CPU profile into `dir` when it exits (SIGTERM
 * included: the graceful shutdown ends by re-raising it, and Node writes the profile on the way out);
 * {} without a `dir`.
 */
export function profiling(dir) {
  if (!dir) return {};
  mkdirSync(dir, { recursive: true });
  const inherited = process.env.NODE_OPTIONS ? `${process.env.NODE_OPTIONS} ` : '';
  return { NODE_OPTIONS: `${inherited}--cpu-prof --cpu-prof-dir="${dir}"` };
}

/**
 * Renames the main-thread profile of each stopped service (CPU.<date>.<time>.<pid>.0.<seq>.cpuprofile)
 * to <service>.cpuprofile and writes the runs' `windows` ({ run: [startUs, endUs] } of CLOCK_MONOTONIC,
 * the clock of V8's profiles); returns the paths, or says which are missing.
 */
export function collectProfiles(dir, services, windows) {
  writeFileSync(join(dir, 'windows.json'), `${JSON.stringify(windows, null, 2)}\n`);
  return services.map(({ name, process: child }) => {
    const file = readdirSync(dir).find((f) => f.includes(`.${child.pid}.0.`) && f.endsWith('.cpuprofile'));
    if (!file) return `${name}: no profile written (exit ${child.exitCode ?? child.signalCode})`;
    renameSync(join(dir, file), join(dir, `${name}.cpuprofile`));
    return join(dir, `${name}.cpuprofile`);
  });
}

/** Now in µs of CLOCK_MONOTONIC, the clock of V8's CPU profiles (for run windows). */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
