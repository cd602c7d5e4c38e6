// The top functions of a V8 CPU profile (a .cpuprofile, as Node's --cpu-prof writes) by self time, then
// the same time by package or area (typeorm, pg, kafkajs, our libs/* and apps/*, node internals …).
// Node internals and native functions are also charged to the nearest package up their stack ("via"):
// a socket write under pg counts for pg there. Shares are of the busy time without GC; GC and idle are
// shown beside. Only the main JS thread is profiled (not libuv's pool or V8's helper threads). Times are
// V8's wall-clock samples: on a saturated machine, time the thread waits for a core is charged to where
// it waited (often a socket write that woke the receiving process), so they add up to more than the
// process's CPU time in /proc.
//   node bench/cpu-top.mjs <file.cpuprofile> [--top 10] [--window capacity]
// --window: only the samples inside that run, from windows.json beside the profile (`--cpu-prof` of
// bench/checkin.mjs writes capacity, paced, rfid-capacity; of bench/notifications.mjs, capacity, paced).
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '10' }, window: { type: 'string' } },
});
if (positionals.length !== 1) {
  process.stderr.write('usage: node bench/cpu-top.mjs <file.cpuprofile> [--top 10] [--window <run>]\n');
  process.exit(2);
}
const file = positionals[0];
const profile = JSON.parse(readFileSync(file, 'utf8'));
const SPECIAL = { '(garbage collector)': 'GC', '(idle)': 'idle', '(program)': '(program): V8 and native' };
/** Areas whose time is also charged to the package that called into them. */
const UNDERNEATH = new Set(['node internals', 'V8 builtins and native']);

/** Package or area of a frame: the package under the last node_modules, libs/<x>, apps/<x>, node … */
function area({ functionName, url }) {
  if (!url) return SPECIAL[functionName] ?? 'V8 builtins and native';
  if (url.startsWith('node:')) return 'node internals';
  const path = decodeURI(url.replace(/^file:\/\//, ''));
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [scope, name] = path.slice(modules + '/node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  const own = /\/((?:libs|apps)\/[^/]+)\//.exec(path);
  return own ? own[1] : 'other';
}

/** url:line, shortened to package-relative (node_modules), repo-relative (libs, apps) or node:… */
function where({ url, lineNumber }) {
  if (!url) return '(native)';
  const path = decodeURI(url.replace(/^file:\/\//, ''));
  const modules = path.lastIndexOf('/node_modules/');
  const short =
    modules >= 0
      ? path.slice(modules + '/node_modules/'.length)
      : (/\/((?:libs|apps)\/.*)$/.exec(path)?.[1] ?? path);
  return `${short}:${lineNumber + 1}`;
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map(profile.nodes.flatMap((n) => (n.children ?? []).map((c) => [c, n.id])));
/** The area of the node, or for node internals and natives that of the nearest package above it. */
function via(id) {
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const a = area(byId.get(at).callFrame);
    if (!UNDERNEATH.has(a)) return a;
  }
  return area(byId.get(id).callFrame);
}

// Each sample lasts until the next one (the last until the profile's end), in µs.
let window = [-Infinity, Infinity];
if (opts.window) {
  const windowsFile = join(dirname(file), 'windows.json');
  const windows = existsSync(windowsFile) ? JSON.parse(readFileSync(windowsFile, 'utf8')) : {};
  if (!windows[opts.window]) {
    process.stderr.write(`no window "${opts.window}" in ${windowsFile} (has: ${Object.keys(windows)})\n`);
    process.exit(2);
  }
  window = windows[opts.window];
}
const times = [];
for (let i = 0, t = profile.startTime; i < profile.samples.length; i++)
  times.push((t += profile.timeDeltas[i]));
const self = new Map(); // node id → µs
let sampledUs = 0;
profile.samples.forEach((id, i) => {
  if (times[i] < window[0] || times[i] > window[1]) return;
  const us = (times[i + 1] ?? profile.endTime) - times[i];
  sampledUs += us;
  self.set(id, (self.get(id) ?? 0) + us);
});

// Functions (same name and place, whichever stack they were on; node internals and natives apart per
// package they were called from) and areas.
const functions = new Map();
const areas = new Map();
const charged = new Map();
const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
for (const [id, us] of self) {
  const frame = byId.get(id).callFrame;
  const a = area(frame);
  add(areas, a, us);
  const caller = UNDERNEATH.has(a) ? via(id) : a;
  add(charged, caller, us);
  if (!frame.url && SPECIAL[frame.functionName]) continue;
  const place = where(frame) + (caller !== a ? ` via ${caller}` : '');
  const key = `${frame.functionName}\0${place}`;
  const entry = functions.get(key) ?? { name: frame.functionName || '(anonymous)', place, us: 0 };
  entry.us += us;
  functions.set(key, entry);
}
const gcUs = areas.get('GC') ?? 0;
const idleUs = areas.get('idle') ?? 0;
const baseUs = sampledUs - gcUs - idleUs;
const ms = (us) => (us / 1000).toFixed(0);
const share = (us) => `${((100 * us) / baseUs).toFixed(1)} %`;

const scope = opts.window ? `window "${opts.window}"` : 'whole profile';
console.log(
  `${basename(file)}, ${scope}: ${ms(sampledUs)} ms sampled; busy without GC ${ms(baseUs)} ms, ` +
    `GC ${ms(gcUs)} ms, idle ${ms(idleUs)} ms; shares are of busy without GC ` +
    '(wall-clock samples: waiting for a core counts where it waited)',
);
console.log('');
console.log('| # | function | where | self ms | share |');
console.log('|--:|:--|:--|--:|--:|');
[...functions.values()]
  .sort((a, b) => b.us - a.us)
  .slice(0, Number(opts.top))
  .forEach((f, i) => console.log(`| ${i + 1} | ${f.name} | ${f.place} | ${ms(f.us)} | ${share(f.us)} |`));
console.log('');
console.log('| package or area | self ms | share | with the node and native time under it |');
console.log('|:--|--:|--:|--:|');
const names = new Set([...areas.keys(), ...charged.keys()]);
names.delete('GC');
names.delete('idle');
const rows = [...names]
  .map((a) => ({ a, self: areas.get(a) ?? 0, all: charged.get(a) ?? 0 }))
  .sort((x, y) => y.all - x.all || y.self - x.self);
const shown = rows.filter((r) => Math.max(r.self, r.all) >= baseUs / 100);
for (const r of shown) console.log(`| ${r.a} | ${ms(r.self)} | ${share(r.self)} | ${share(r.all)} |`);
const rest = rows.slice(shown.length);
if (rest.length) {
  const self = rest.reduce((s, r) => s + r.self, 0);
  const all = rest.reduce((s, r) => s + r.all, 0);
  console.log(`| ${rest.length} more under 1 % each | ${ms(self)} | ${share(self)} | ${share(all)} |`);
}
console.log(`| GC | ${ms(gcUs)} | – | – |`);
console.log(`| idle | ${ms(idleUs)} | – | – |`);
