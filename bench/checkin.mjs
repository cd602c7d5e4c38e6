// Check-in benchmark: sustained check-in sagas through the booted gateway, payments and the partner
// sandbox (reserve → open court → commit), all infrastructure local. Latency is from sending
// POST /v1/check-ins to the saga's terminal transition in the gateway's database.
// Two runs: as fast as the platform takes them (sagas/s at capacity), then paced at --pace sagas/s
// (latency below saturation); each beside the raw baseline of bench/raw-checkin.mjs at the same count,
// concurrency and pace. Then what each process cost during the capacity run (peak RSS, CPU ms per saga
// from /proc, the machine's idle share: bench/procs.mjs). Then the same for RFID scans at a door
// (bench/rfid.mjs): scan published → answer on the reader's response topic.
//   node bench/checkin.mjs [--sagas 600] [--concurrency 32] [--pace 50] [--rfid-scans 300]
//                          [--rfid-rate 20] [--cpu-prof <dir>]
// --cpu-prof <dir>: access-gateway and payments run under Node's --cpu-prof and write
// <dir>/access-gateway.cpuprofile and <dir>/payments.cpuprofile when they stop; <dir>/windows.json holds
// each run's time window, for `node bench/cpu-top.mjs <dir>/payments.cpuprofile --window capacity`.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureRawCheckins, webhookSink } from './raw-checkin.mjs';
import { INFRASTRUCTURE, cmdline, resourceTable, startProbe } from './procs.mjs';
import { collectProfiles, profiling } from './profiles.mjs';
import { measureRfid } from './rfid.mjs';
import { countStatements } from './statements.mjs';
import { enrolMembers, fundMembers, paced, percentile, tally } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { startService, adminDatabaseUrl, userToken, localInfraEnv } = require(
  join(root, 'libs/testing/dist/index.js'),
);
const infra = localInfraEnv(root);
const { DataSource } = require('typeorm');

const { values: opts } = parseArgs({
  options: {
    sagas: { type: 'string', default: '600' },
    concurrency: { type: 'string', default: '32' },
    /** Check-ins per second of the paced run (and of its raw baseline). */
    pace: { type: 'string', default: '50' },
    'rfid-scans': { type: 'string', default: '300' },
    /** Scans per second of the paced RFID run; 0: half of what the RFID capacity run reached. */
    'rfid-rate': { type: 'string', default: '20' },
    /** A folder for the CPU profiles of access-gateway and payments (Node's --cpu-prof). */
    'cpu-prof': { type: 'string' },
    /** Count the services' SQL statements per saga over the capacity run (slows that run). */
    'count-statements': { type: 'boolean', default: false },
  },
});
const total = Number(opts.sagas);
const concurrency = Number(opts.concurrency);
const pace = Number(opts.pace);
const profileDir = opts['cpu-prof'] && resolve(opts['cpu-prof']);
const log = (text) => process.stderr.write(`${text}\n`);
const PRICE = 2_500;

async function main() {
  log('bench: starting partner-sandbox, payments and access-gateway ...');
  const sandbox = await startService('partner-sandbox');
  const payments = await startService('payments', { env: profiling(profileDir) });
  const gateway = await startService('access-gateway', {
    env: {
      ...profiling(profileDir),
      ACCESS_VENDOR_URL: `${sandbox.url}/access-vendor`,
      RATE_LIMIT_PER_MEMBER: '1000000',
      RATE_LIMIT_PER_TENANT: '1000000',
      RATE_LIMIT_KEY_PREFIX: `bench:${randomUUID()}`,
      LOG_LEVEL: 'warn',
    },
  });
  // The vendor's access.checkin webhooks reach this gateway, as they would in production.
  const pointVendorWebhooks = async (url) => {
    const res = await fetch(`${sandbox.url}/__admin/webhooks/access-vendor`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url, secret: 'sandbox-access-webhook-secret' }),
    });
    if (!res.ok) throw new Error(`could not point the vendor's webhooks at ${url}: ${res.status}`);
  };
  await pointVendorWebhooks(`${gateway.url}/webhooks/access-vendor`);
  const paymentsDb = await new DataSource({
    type: 'postgres',
    url: adminDatabaseUrl(payments.database),
  }).initialize();
  const gatewayDb = await new DataSource({
    type: 'postgres',
    url: adminDatabaseUrl(gateway.database),
  }).initialize();
  /** Each run's [start, end] in µs of CLOCK_MONOTONIC, the clock of V8's CPU profiles. */
  const windows = {};
  const f = (x, d = 0) => x.toFixed(d);
  const services = [gateway, payments, sandbox];
  const bench = { name: 'bench (load generator)', pid: process.pid };
  try {
    const staff = await userToken('bruno@aurora.test');
    const call = (path, body, method = 'POST', headers = {}) =>
      fetch(`${gateway.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    if ((await call('/v1/courts/court-1', { name: 'Court 1', priceCentavos: PRICE }, 'PUT')).status !== 200) {
      throw new Error('could not set the court price');
    }
    /** With `probe`, what the processes spent from the first request to the last saga's end. */
    const run = async (label, count, rate, probe) => {
      // One member per check-in (one active check-in per member), each able to pay once.
      const members = Array.from({ length: count }, (_, i) => `bench-${i}-${randomUUID().slice(0, 6)}`);
      await fundMembers(paymentsDb, members, PRICE);
      await enrolMembers(gatewayDb, members);
      log(`bench: ${label}: ${count} check-ins${rate ? ` at ${rate}/s` : ''} ...`);
      const sent = new Map();
      const probing = probe?.();
      const startUs = Number(process.hrtime.bigint() / 1000n);
      const started = Date.now();
      await paced(count, concurrency, rate, async (i) => {
        const t = Date.now();
        const res = await call('/v1/check-ins', { courtId: 'court-1', memberId: members[i] }, 'POST', {
          'idempotency-key': `bench-${members[i]}`,
        });
        if (res.status !== 202) throw new Error(`check-in answered ${res.status}: ${await res.text()}`);
        sent.set((await res.json()).checkInId, t);
      });
      const ids = [...sent.keys()];
      for (;;) {
        const [{ open }] = await gatewayDb.query(
          `SELECT count(*)::int AS open FROM saga_instance WHERE id = ANY($1) AND state IN ('RUNNING', 'COMPENSATING')`,
          [ids],
        );
        if (open === 0) break;
        if (Date.now() - started > 300_000)
          throw new Error(`${open} check-ins still running after 5 minutes`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const resources = await probing?.stop();
      windows[label] = [startUs, Number(process.hrtime.bigint() / 1000n)];
      const rows = await gatewayDb.query(
        `SELECT id, state, extract(epoch FROM updated_at) * 1000 AS done FROM saga_instance WHERE id = ANY($1)`,
        [ids],
      );
      const latencies = rows.map((r) => Number(r.done) - sent.get(r.id)).sort((a, b) => a - b);
      return {
        label,
        count,
        perSecond: (count * 1000) / (Math.max(...rows.map((r) => Number(r.done))) - started),
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        states: tally(rows.map((r) => r.state)),
        resources,
      };
    };

    const measureCapacity = () =>
      run('capacity', total, 0, () =>
        startProbe([
          ...services.map((s) => ({ name: s.name, pid: s.process.pid })),
          ...INFRASTRUCTURE,
          bench,
        ]),
      );
    let capacity;
    let statements = [];
    if (opts['count-statements']) {
      const admin = await new DataSource({
        type: 'postgres',
        url: adminDatabaseUrl('postgres'),
      }).initialize();
      try {
        statements = await countStatements(admin, [gateway.database, payments.database], total, async () => {
          capacity = await measureCapacity();
        });
      } finally {
        await admin.destroy();
      }
    } else capacity = await measureCapacity();
    const slow = await run('paced', Math.round(total / 2), pace);
    log('bench: raw baseline (same count, concurrency and pace, no platform) ...');
    const sink = await webhookSink();
    await pointVendorWebhooks(sink.url);
    const raw = (count, rate) =>
      measureRawCheckins({
        rabbitUrl: infra.RABBITMQ_URL,
        databaseUrl: adminDatabaseUrl(payments.database),
        vendorUrl: `${sandbox.url}/access-vendor`,
        count,
        concurrency,
        price: PRICE,
        rate,
      });
    const rawCapacity = await raw(total, 0);
    const rawPaced = await raw(Math.round(total / 2), pace);
    await pointVendorWebhooks(`${gateway.url}/webhooks/access-vendor`);
    sink.close();
    const ratio = (a, b) => f(a / b, 2);
    console.log(
      '| run | check-ins | outcome | sagas/s | p50 ms | p99 ms | raw sagas/s | raw p50 / p99 ms | platform ÷ raw |',
    );
    console.log('|:--|--:|:--|--:|--:|--:|--:|--:|--:|');
    for (const [r, b] of [
      [capacity, rawCapacity],
      [slow, rawPaced],
    ]) {
      const label = r === slow ? `paced at ${pace}/s` : `as fast as taken, ${concurrency} requests in flight`;
      const versus =
        r === slow
          ? `p50 ×${ratio(r.p50, b.p50)}, p99 ×${ratio(r.p99, b.p99)}`
          : `${ratio(r.perSecond, b.perSecond)} of the throughput`;
      console.log(
        `| ${label} | ${r.count} | ${r.states} | ${f(r.perSecond, 1)} | ${f(r.p50)} | ${f(r.p99)} | ${f(b.perSecond, 1)} | ${f(b.p50)} / ${f(b.p99)} | ${versus} |`,
      );
    }
    if (rawCapacity.failed + rawPaced.failed > 0) throw new Error('raw baseline check-ins failed');
    console.log(`sagas/s: ${f(capacity.perSecond, 1)} (raw baseline ${f(rawCapacity.perSecond, 1)})`);
    console.log(`p50/p99 request → completion paced at ${pace}/s: ${f(slow.p50)} / ${f(slow.p99)} ms`);
    console.log('');
    console.log('What each process cost during the capacity run:');
    console.log('');
    console.log(resourceTable(capacity.resources, capacity.count, 'saga'));
    for (const { who, perSaga, top } of statements.filter((st) => st.who.startsWith('svc_'))) {
      console.log('');
      console.log(
        `SQL statements of ${who}: ${f(perSaga, 1)} per saga (capacity run, every statement logged)`,
      );
      for (const t of top) console.log(`  ${f(t.perSaga, 2).padStart(6)}  ${t.text}`);
    }
    if (Number(opts['rfid-scans']) <= 0) return; // --rfid-scans 0: check-ins only
    const rfid = await measureRfid({
      root,
      gateway,
      staffToken: staff,
      paymentsDb,
      gatewayDb,
      court: 'court-1',
      price: PRICE,
      scans: Number(opts['rfid-scans']),
      rate: Number(opts['rfid-rate']),
      log,
      probe: ({ bridge, broker }) =>
        startProbe([
          ...services.map((s) => ({ name: s.name, pid: s.process.pid })),
          { name: bridge.name, pid: bridge.process.pid },
          {
            name: 'Mosquitto (device broker)',
            match: (p, _all, pid) => p.comm === 'mosquitto' && cmdline(pid).includes(broker.dir),
          },
          ...INFRASTRUCTURE,
          bench,
        ]),
    });
    windows['rfid-capacity'] = rfid.capacity.resources.window;
    console.log('');
    console.log('| RFID run | scans | answers | scans/s | p50 ms | p99 ms |');
    console.log('|:--|--:|:--|--:|--:|--:|');
    for (const r of [rfid.capacity, rfid.paced]) {
      const label = r.pace ? `paced at ${r.pace}/s` : 'all scans at once';
      console.log(
        `| ${label} | ${r.count} | ${r.outcomes} | ${f(r.perSecond, 1)} | ${f(r.p50)} | ${f(r.p99)} |`,
      );
    }
    console.log(
      `RFID scan → reader response at ${f(rfid.paced.perSecond, 1)} scans/s: p50 / p99 ${f(rfid.paced.p50)} / ${f(rfid.paced.p99)} ms`,
    );
    console.log(
      `paced RFID legs, p50 ms: ${rfid.paced.stages.map((s) => `${s.leg} ${f(s.p50)}`).join(' · ')}`,
    );
    console.log('');
    console.log('What each process cost during the RFID capacity run (all scans at once):');
    console.log('');
    console.log(resourceTable(rfid.capacity.resources, rfid.capacity.count, 'scan'));
  } finally {
    await Promise.allSettled([paymentsDb.destroy(), gatewayDb.destroy()]);
    const stopped = await Promise.allSettled(services.map((s) => s.stop()));
    if (profileDir) {
      stopped.forEach((s, i) => {
        if (s.status === 'fulfilled') log(`bench: ${services[i].name} ended with ${JSON.stringify(s.value)}`);
      });
      for (const line of collectProfiles(profileDir, [gateway, payments], windows))
        log(`bench: cpu profile: ${line}`);
    }
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${error.stack}\n`);
    process.exit(1);
  },
);
