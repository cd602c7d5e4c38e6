// Starts, stops and reports the platform's services as background processes for `npm start`:
// each runs from its build (apps/<name>/dist/main.js) with the local environment, logs to
// .cache/run/<name>.log, and counts as up once GET /health/ready answers 200.
//   usage: node scripts/services.mjs start | stop | status | run <service>   (run: one, in the foreground)
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The same wiring the e2e tier uses (libs/testing), so what runs locally is what is tested.
const { localServiceEnv, localServices } = createRequire(import.meta.url)(
  join(root, 'libs/testing/dist/index.js'),
);
const runDir = join(root, '.cache/run');
const services = localServices(root);

const pidFile = (name) => join(runDir, `${name}.pid`);
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const runningPid = (name) => {
  const pid = existsSync(pidFile(name)) ? Number(readFileSync(pidFile(name), 'utf8')) : 0;
  return pid && alive(pid) ? pid : 0;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function ready(name) {
  try {
    const res = await fetch(`http://127.0.0.1:${services[name].port}/health/ready`, {
      signal: AbortSignal.timeout(4000),
    });
    return { ok: res.status === 200, body: await res.json() };
  } catch (error) {
    return { ok: false, body: { error: error.cause?.code ?? error.message } };
  }
}

/** A service from its build, with the local environment. */
const spawnService = (name, options) =>
  spawn(process.execPath, [join(root, 'apps', name, 'dist/main.js')], {
    env: { ...process.env, ...localServiceEnv(root, name) },
    ...options,
  });

async function start() {
  mkdirSync(runDir, { recursive: true });
  const started = Date.now();
  for (const name of Object.keys(services)) {
    if (runningPid(name)) continue;
    const log = openSync(join(runDir, `${name}.log`), 'a');
    const child = spawnService(name, { stdio: ['ignore', log, log], detached: true });
    closeSync(log);
    writeFileSync(pidFile(name), String(child.pid));
    child.unref();
  }
  const pending = new Set(Object.keys(services));
  while (pending.size && Date.now() - started < 120_000) {
    for (const name of [...pending]) {
      if (!runningPid(name)) throw new Error(`${name} exited during start-up; see .cache/run/${name}.log`);
      if ((await ready(name)).ok) pending.delete(name);
    }
    if (pending.size) await sleep(500);
  }
  if (pending.size)
    throw new Error(`not ready after 120 s: ${[...pending].join(', ')} (logs in .cache/run/)`);
  console.log(`services ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function stop() {
  const pids = Object.keys(services)
    .map((name) => [name, runningPid(name)])
    .filter(([, pid]) => pid);
  for (const [, pid] of pids) process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 40 && pids.some(([, pid]) => alive(pid)); i++) await sleep(250);
  for (const [name, pid] of pids) {
    if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(pidFile(name), { force: true });
  }
  console.log(pids.length ? `stopped ${pids.map(([n]) => n).join(', ')}` : 'no service was running');
}

async function status() {
  let bad = 0;
  console.log(`  ${'service'.padEnd(16)} ${'address'.padEnd(24)} health`);
  for (const [name, { port }] of Object.entries(services)) {
    const r = await ready(name);
    const detail = r.ok
      ? 'ready (' +
        Object.keys(r.body.components ?? {}).join(', ') +
        (Object.keys(r.body.components ?? {}).length ? ' up)' : 'no dependencies)')
      : `NOT READY ${JSON.stringify(r.body.components ?? r.body)}`;
    if (!r.ok) bad++;
    console.log(`  ${name.padEnd(16)} ${`http://127.0.0.1:${port}`.padEnd(24)} ${detail}`);
  }
  process.exitCode = bad ? 3 : 0;
}

async function run(name) {
  if (!services[name])
    throw new Error(`unknown service '${name}'; one of: ${Object.keys(services).join(', ')}`);
  const child = spawnService(name, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill('SIGTERM'));
  await new Promise((resolve) => child.on('exit', (code) => resolve((process.exitCode = code ?? 0))));
}

const commands = { start, stop, status, run };
const command = commands[process.argv[2]];
if (!command) {
  console.error('usage: node scripts/services.mjs start | stop | status | run <service>');
  process.exit(2);
}
command(process.argv[3]).catch((error) => {
  console.error(`✗ ${error.message}`);
  process.exit(1);
});
