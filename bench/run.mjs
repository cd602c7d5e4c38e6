// `npm run bench -- <suite>`: runs one benchmark suite against the local infrastructure and prints its
// table. Suites: messaging, checkin, notifications, calendar, video (options: the header of
// bench/<suite>.mjs, or docs/benchmarks.md); bench/cpu-top.mjs reads the profiles of `--cpu-prof <dir>`
// (checkin, notifications, calendar, video). Figures are recorded in docs/benchmarks.md.
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const suites = {
  messaging: 'messaging.mjs',
  checkin: 'checkin.mjs',
  notifications: 'notifications.mjs',
  calendar: 'calendar.mjs',
  video: 'video.mjs',
};
const [suite, ...rest] = process.argv.slice(2);
if (!suites[suite]) {
  process.stderr.write(
    `usage: npm run bench -- <suite> [options]\nsuites: ${Object.keys(suites).join(', ')}\n`,
  );
  process.exit(2);
}
const child = fork(join(dirname(fileURLToPath(import.meta.url)), suites[suite]), rest, { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
