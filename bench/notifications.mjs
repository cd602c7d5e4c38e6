// Notifications benchmark (issue 12): check-in events → the member's WhatsApp message accepted by the
// provider. The bench publishes access.checkin.completed.v1 to Kafka as the gateway's outbox relay does
// (JSON value, key = subject, ce_id / ce_type headers); the booted notifications service takes each
// through its inbox, plans the delivery and sends it with its local step through Twilio — the partner
// sandbox, reached by the official `twilio` SDK. Members are seeded straight into notifications'
// database: a mobile number and an e-mail address, WhatsApp and e-mail consented, WhatsApp first, so
// every notification is one WhatsApp template message through Twilio (the first provider of the channel).
// Latency runs from just before the event is handed to the producer to the sandbox's acceptance of the
// Twilio call: the `queued` status it stamps as it creates the message (1 ms resolution, the machine's
// clock, as the bench's), read through its admin API after each run. The sandbox has no faults or rate
// limits set, and it posts four signed status callbacks per message (queued, sent, delivered, read) to
// notifications, which stores the last three and applies them: load a real Twilio account causes too.
// Two runs: every event at once (notifications/s at capacity), then paced at --pace events/s (latency
// at a steady rate); each beside the raw baseline of bench/raw-notifications.mjs (the same message
// through the SDK, no platform) at the same count, concurrency and pace. Then what each process cost
// during the capacity run (bench/procs.mjs), and per run the status callbacks' tail and the transactions
// committed in notifications' database per notification.
//   node bench/notifications.mjs [--notifications 2000] [--concurrency 32] [--pace 100] [--cpu-prof <dir>]
// --concurrency: events in flight to Kafka while publishing, and SDK calls in flight in the raw baseline.
// --cpu-prof <dir>: notifications runs under Node's --cpu-prof (bench/profiles.mjs; `node
// bench/cpu-top.mjs <dir>/notifications.cpuprofile --window capacity`).
import { randomInt, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { INFRASTRUCTURE, resourceTable, startProbe } from './procs.mjs';
import { collectProfiles, monotonicUs, profiling } from './profiles.mjs';
import { webhookSink } from './raw-checkin.mjs';
import { measureRawNotifications, sandboxAcceptances } from './raw-notifications.mjs';
import { paced, percentile, tally } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const lib = (name) => require(join(root, `libs/${name}/dist/index.js`));
const { startService, adminDatabaseUrl, localInfraEnv, kafkaCaughtUp } = lib('testing');
const { AccessCheckinCompletedV1, NotificationsSendDeliveryV1 } = lib('contracts');
const { Kafka, Partitioners, logLevel } = require('kafkajs');
const { DataSource } = require('typeorm');

const { values: opts } = parseArgs({
  options: {
    notifications: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '32' },
    /** Events per second of the paced run (and SDK calls per second of its raw baseline). */
    pace: { type: 'string', default: '100' },
    /** A folder for notifications' CPU profile (Node's --cpu-prof). */
    'cpu-prof': { type: 'string' },
  },
});
const total = Number(opts.notifications);
const concurrency = Number(opts.concurrency);
const pace = Number(opts.pace);
const profileDir = opts['cpu-prof'] && resolve(opts['cpu-prof']);
const log = (text) => process.stderr.write(`${text}\n`);
const TENANT = 'club-aurora';
const COURT = { id: 'court-1', name: 'Quadra Central' };
/** The WhatsApp template of a completed check-in, as the club registered it with Twilio. */
const CONTENT_SID = `HX${'b3'.repeat(16)}`;
const CONTENT_TEXT = 'Check-in confirmado na quadra {{1}} às {{2}}. Bom jogo!';
/** Issue 12's targets on the 2-core machine. */
const TARGET = { perSecond: 300, ofRaw: 0.5, pacedP99: 200 };

/** Mobile numbers no other run of this sandbox uses (it keeps messages per number): +55 11 9xxxx-xxxx. */
let nextPhone = randomInt(10_000_000, 80_000_000);
const phones = (count) => Array.from({ length: count }, () => `+55119${nextPhone++}`);

async function main() {
  log('bench: starting partner-sandbox and notifications ...');
  const sandbox = await startService('partner-sandbox', { env: { LOG_LEVEL: 'warn' } });
  const notifications = await startService('notifications', {
    env: {
      ...profiling(profileDir),
      LOG_LEVEL: 'warn',
      // deploy/services.json's provider settings, pointed at this sandbox.
      TWILIO_API_URL: sandbox.url,
      TWILIO_CONTENT_SIDS: `checkin_confirmado=${CONTENT_SID}`,
      WHATSAPP_CLOUD_API_URL: `${sandbox.url}/graph`,
      FCM_API_URL: sandbox.url,
      FCM_TOKEN_URL: `${sandbox.url}/oauth2/token`,
      SMTP_PORT: sandbox.env.SMTP_PORT,
    },
  });
  const services = [notifications, sandbox];
  const twilioAccount = {
    accountSid: notifications.env.TWILIO_ACCOUNT_SID,
    authToken: notifications.env.TWILIO_AUTH_TOKEN,
    from: notifications.env.TWILIO_WHATSAPP_FROM,
  };
  const sandboxCall = async (method, path, body) => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body && JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${await res.text()}`);
  };
  await sandboxCall('DELETE', '/__admin/faults');
  await sandboxCall('PUT', `/twilio/__admin/accounts/${twilioAccount.accountSid}/content-templates`, {
    templates: { [CONTENT_SID]: CONTENT_TEXT },
  });
  const db = await new DataSource({
    type: 'postgres',
    url: adminDatabaseUrl(notifications.database),
  }).initialize();
  const kafka = new Kafka({
    clientId: 'bench-notifications',
    brokers: localInfraEnv(root).KAFKA_BROKERS.split(','),
    logLevel: logLevel.ERROR,
  });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  /** Each run's [start, end] in µs of CLOCK_MONOTONIC, the clock of V8's CPU profiles. */
  const windows = {};
  const f = (x, d = 0) => x.toFixed(d);
  const bench = { name: 'bench (load generator)', pid: process.pid };
  try {
    await producer.connect();
    // A backlog other runs left on the shared topics would be handled during ours.
    await kafkaCaughtUp('notifications', 300_000);
    /** Status callbacks notifications has applied only on a retry: the status outran its send's record. */
    const earlyStatuses = () => notifications.output().split('requeued: no sent message').length - 1;
    /** notifications' warnings and errors since `from` (an offset in its output), by message, most frequent first. */
    const complaints = (from) => {
      const counts = new Map();
      for (const line of notifications.output().slice(from).split('\n')) {
        let entry;
        try {
          entry = JSON.parse(line);
        } catch {
          continue;
        }
        if (!(entry.level >= 40)) continue;
        // Ids apart, the same complaint.
        const text = String(entry.msg ?? entry.err?.message ?? '')
          .replace(/[0-9a-f]{8}-[0-9a-f-]{27}|SM[0-9a-f]{32}/g, '…')
          .slice(0, 160);
        counts.set(text, (counts.get(text) ?? 0) + 1);
      }
      return [...counts].sort((a, b) => b[1] - a[1]);
    };

    /**
     * From notifications' /metrics, so far: its Twilio send attempts, those that timed out, retries, and
     * runs of the send step (more than one per delivery when a run is repeated).
     */
    const serviceCounters = async () => {
      const lines = (await (await fetch(`${notifications.url}/metrics`)).text()).split('\n');
      const sum = (name, ...labels) =>
        lines
          .filter((l) => l.startsWith(`${name}{`) && labels.every((x) => l.includes(x)))
          .reduce((total, l) => total + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
      const twilio = 'vendor="twilio"';
      return {
        attempts: sum('vendor_call_duration_seconds_count', twilio),
        timeouts: sum('vendor_call_duration_seconds_count', twilio, 'outcome="timeout"'),
        retries: sum('vendor_call_retries_total', twilio),
        sendSteps: sum(
          'messages_consumed_total',
          'transport="local"',
          `type="${NotificationsSendDeliveryV1.type}"`,
        ),
      };
    };
    const subtract = (a, b) => Object.fromEntries(Object.keys(a).map((k) => [k, a[k] - b[k]]));

    /** The bench's own statements in notifications' database, each its own transaction. */
    let benchQueries = 0;
    const query = (sql, params) => {
      benchQueries++;
      return db.query(sql, params);
    };
    /** Transactions committed in notifications' database so far (PostgreSQL's statistics). */
    const commits = async () =>
      Number(
        (await query('SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()'))[0]
          .xact_commit,
      );
    const storedCallbacks = async () => (await query('SELECT count(*)::int AS n FROM provider_webhook'))[0].n;
    /**
     * Waits until status callbacks have stopped arriving and all are applied, so that they do not load
     * the next run; resolves with how many are stored, how many unapplied (after 3 minutes), and when
     * the last was applied, in s after `lastAcceptance` (epoch ms).
     */
    const settleCallbacks = async (lastAcceptance) => {
      const deadline = Date.now() + 180_000;
      let before = -1;
      for (;;) {
        await new Promise((res) => setTimeout(res, 1_000));
        const [{ stored, open, last }] = await query(
          `SELECT count(*)::int AS stored, count(*) FILTER (WHERE processed_at IS NULL)::int AS open,
                  extract(epoch FROM max(processed_at)) * 1000 AS last
             FROM provider_webhook`,
        );
        if ((open === 0 && stored === before) || Date.now() > deadline) {
          return { stored, open, lastAppliedS: (Number(last) - lastAcceptance) / 1000 };
        }
        before = stored;
      }
    };

    /**
     * One run: seeds `count` members, publishes one event each, waits until every delivery has left
     * `pending`, reads the acceptances, then waits for the status callbacks (settleCallbacks). With
     * `probe`, what the processes spent from the first event to the last delivery's move.
     */
    const run = async (label, count, rate, probe) => {
      const members = Array.from({ length: count }, (_, i) => `bench-${i}-${randomUUID().slice(0, 6)}`);
      const numbers = phones(count);
      await query(
        `INSERT INTO member_preferences (tenant_id, member_id, phone, email, channels, locale, time_zone)
         SELECT $1, m.id, m.phone, m.id || '@bench.example', '{whatsapp,push,email}', 'pt-BR', 'America/Sao_Paulo'
           FROM unnest($2::text[], $3::text[]) AS m(id, phone)`,
        [TENANT, members, numbers],
      );
      await query(
        `INSERT INTO consent_record (tenant_id, member_id, channel, granted, source, recorded_at)
         SELECT $1, m.id, c.channel, true, 'app', now()
           FROM unnest($2::text[]) AS m(id), unnest('{whatsapp,email}'::text[]) AS c(channel)`,
        [TENANT, members],
      );
      // Built beforehand: the timed loop only hands records to the producer.
      const records = members.map((memberId) => {
        const checkInId = randomUUID();
        const event = AccessCheckinCompletedV1.envelope({
          source: 'access-gateway',
          tenantId: TENANT,
          subject: checkInId,
          data: {
            checkInId,
            memberId,
            courtId: COURT.id,
            courtName: COURT.name,
            sessionId: randomUUID(),
            chargedCentavos: 2_500,
          },
        });
        return {
          key: event.subject,
          value: JSON.stringify(event),
          headers: { ce_id: event.id, ce_type: event.type },
        };
      });
      log(`bench: ${label}: ${count} check-in events${rate ? ` at ${rate}/s` : ''} ...`);
      const earlyBefore = earlyStatuses();
      const outputBefore = notifications.output().length;
      const queriesBefore = benchQueries;
      const commitsBefore = await commits();
      const countersBefore = await serviceCounters();
      const storedBefore = await storedCallbacks();
      const published = new Map();
      const probing = probe?.();
      const startUs = monotonicUs();
      const started = Date.now();
      await paced(count, concurrency, rate, async (i) => {
        published.set(members[i], Date.now());
        await producer.send({ topic: AccessCheckinCompletedV1.topic, messages: [records[i]] });
      });
      for (;;) {
        const [{ open }] = await query(
          `SELECT $2::int - count(*) FILTER (WHERE status <> 'pending')::int AS open
             FROM delivery WHERE tenant_id = $1 AND member_id = ANY($3)`,
          [TENANT, count, members],
        );
        if (open === 0) break;
        if (Date.now() - started > 300_000)
          throw new Error(`${open} notifications still pending after 5 minutes`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const resources = await probing?.stop();
      windows[label] = [startUs, monotonicUs()];
      const rows = await query(
        `SELECT d.member_id, d.status, a.provider, extract(epoch FROM d.created_at) * 1000 AS planned,
                extract(epoch FROM a.started_at) * 1000 AS called, extract(epoch FROM a.finished_at) * 1000 AS recorded
           FROM delivery d LEFT JOIN delivery_attempt a ON a.delivery_id = d.delivery_id AND a.status = 'accepted'
          WHERE d.tenant_id = $1 AND d.member_id = ANY($2)`,
        [TENANT, members],
      );
      const { accepted, extra } = await sandboxAcceptances(sandbox.url, numbers);
      const phoneOf = new Map(members.map((m, i) => [m, numbers[i]]));
      const sorted = (values) => values.filter(Number.isFinite).sort((a, b) => a - b);
      const sent = rows.filter((r) => r.provider && accepted.has(phoneOf.get(r.member_id)));
      // Each notification's moments, epoch ms: the bench's, PostgreSQL's now() of each transaction, the sandbox's.
      const publishedAt = (r) => published.get(r.member_id);
      const plannedAt = (r) => Number(r.planned);
      const calledAt = (r) => Number(r.called);
      const recordedAt = (r) => Number(r.recorded);
      const at = (r) => accepted.get(phoneOf.get(r.member_id));
      const latencies = sorted(sent.map((r) => at(r) - publishedAt(r)));
      const leg = (from, to) => {
        const values = sorted(sent.map((r) => to(r) - from(r)));
        return { p50: percentile(values, 50), p99: percentile(values, 99) };
      };
      const callbacks = await settleCallbacks(Math.max(...sent.map(at)));
      // PostgreSQL flushes an idle backend's counters within 10 s.
      await new Promise((r) => setTimeout(r, 11_000));
      const queries = benchQueries - queriesBefore;
      const committed = (await commits()) - commitsBefore - queries;
      return {
        label,
        count,
        perSecond: (sent.length * 1000) / (Math.max(...sent.map(at)) - started),
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        outcomes:
          tally(rows.map((r) => (r.provider ? `${r.provider} accepted` : r.status))) +
          (extra ? `, ${extra} sent twice` : ''),
        counters: subtract(await serviceCounters(), countersBefore),
        legs: [
          ['publish → planned (inbox transaction)', leg(publishedAt, plannedAt)],
          ['→ Twilio call started', leg(plannedAt, calledAt)],
          ['→ accepted by the sandbox', leg(calledAt, at)],
          ['→ acceptance recorded', leg(at, recordedAt)],
        ],
        callbacks: { ...callbacks, run: callbacks.stored - storedBefore },
        early: earlyStatuses() - earlyBefore,
        complaints: complaints(outputBefore),
        commitsPerNotification: committed / count,
        resources,
      };
    };

    const capacity = await run('capacity', total, 0, () =>
      startProbe([...services.map((s) => ({ name: s.name, pid: s.process.pid })), ...INFRASTRUCTURE, bench]),
    );
    const slow = await run('paced', Math.round(total / 2), pace);

    log('bench: raw baseline (the same messages through the twilio SDK, no platform) ...');
    const sink = await webhookSink();
    const raw = (count, rate) =>
      measureRawNotifications({
        sandboxUrl: sandbox.url,
        ...twilioAccount,
        contentSid: CONTENT_SID,
        contentVariables: JSON.stringify({ 1: COURT.name, 2: '19:30' }),
        statusCallback: sink.url,
        phones: phones(count),
        concurrency,
        rate,
      });
    const rawCapacity = await raw(total, 0);
    const rawPaced = await raw(Math.round(total / 2), pace);
    sink.close();

    const ratio = (a, b) => f(a / b, 2);
    console.log(
      `| run | events | outcome | notifications/s | p50 ms | p99 ms | raw /s | raw p50 / p99 ms | platform ÷ raw |`,
    );
    console.log('|:--|--:|:--|--:|--:|--:|--:|--:|--:|');
    for (const [r, b] of [
      [capacity, rawCapacity],
      [slow, rawPaced],
    ]) {
      const label =
        r === slow ? `paced at ${pace}/s` : `every event at once (${concurrency} publishes in flight)`;
      const versus =
        r === slow
          ? `p50 ×${ratio(r.p50, b.p50)}, p99 ×${ratio(r.p99, b.p99)}`
          : `${ratio(r.perSecond, b.perSecond)} of the throughput`;
      console.log(
        `| ${label} | ${r.count} | ${r.outcomes} | ${f(r.perSecond, 1)} | ${f(r.p50)} | ${f(r.p99)} | ${f(b.perSecond, 1)} | ${f(b.p50)} / ${f(b.p99)} | ${versus} |`,
      );
    }
    if (rawCapacity.failed + rawPaced.failed > 0) throw new Error('raw baseline messages failed');
    const mark = (ok) => (ok ? 'met' : 'MISSED');
    console.log(
      `targets (issue 12, 2-core machine): capacity ${f(capacity.perSecond, 1)}/s, target ≥ ${TARGET.perSecond}: ` +
        `${mark(capacity.perSecond >= TARGET.perSecond)}; ${ratio(capacity.perSecond, rawCapacity.perSecond)} of raw, ` +
        `target ≥ ${TARGET.ofRaw}: ${mark(capacity.perSecond / rawCapacity.perSecond >= TARGET.ofRaw)}; ` +
        `p99 paced at ${pace}/s ${f(slow.p99)} ms, target ≤ ${TARGET.pacedP99}: ${mark(slow.p99 <= TARGET.pacedP99)}`,
    );
    for (const r of [capacity, slow]) {
      console.log(
        `${r.label} legs, p50 / p99 ms: ${r.legs.map(([name, l]) => `${name} ${f(l.p50)} / ${f(l.p99)}`).join(' · ')}`,
      );
    }
    for (const r of [capacity, slow]) {
      const c = r.callbacks;
      console.log(
        `${r.label}: ${c.run} status callbacks stored${c.open ? ` (${c.open} still unapplied)` : ''}, the last ` +
          `applied ${f(c.lastAppliedS, 1)} s after the last acceptance; ${r.early} applied on a retry ` +
          `(they came before their send was recorded); ${f(r.commitsPerNotification, 1)} transactions ` +
          "committed in notifications' database per notification, callbacks included; Twilio call " +
          `attempts ${r.counters.attempts}, ${r.counters.timeouts} timed out, ${r.counters.retries} retried; ` +
          `${r.counters.sendSteps} runs of the send step`,
      );
      for (const [text, n] of r.complaints.slice(0, 3)) console.log(`  notifications logged ${n}×: ${text}`);
    }
    console.log('');
    console.log(
      'What each process cost during the capacity run (status callbacks until the last acceptance):',
    );
    console.log('');
    console.log(resourceTable(capacity.resources, capacity.count, 'notification'));
  } finally {
    await Promise.allSettled([producer.disconnect(), db.destroy()]);
    const stopped = await Promise.allSettled(services.map((s) => s.stop()));
    if (profileDir) {
      stopped.forEach((s, i) => {
        if (s.status === 'fulfilled') log(`bench: ${services[i].name} ended with ${JSON.stringify(s.value)}`);
      });
      for (const line of collectProfiles(profileDir, [notifications], windows)) {
        log(`bench: cpu profile: ${line}`);
      }
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
