// Messaging benchmark: the platform path (business transaction → outbox → relay → Kafka → consumer with
// inbox in another process) beside raw kafkajs produce-and-consume of the same messages, and RabbitMQ
// command round trips through the platform (inbox + reply via outbox) beside raw amqplib, all measured
// in the same run on the local brokers and PostgreSQL.
//   node bench/messaging.mjs [--events 6000] [--rate 1000] [--requests 2000]
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { paced, percentile } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const lib = (name) => require(join(root, `libs/${name}/dist/index.js`));
const { localInfraEnv, createScratchDatabase, adminDatabaseUrl } = lib('testing');
const { MessageRegistry, defineMessage, deadLetterTopic, commandQueue, commandDeadLetterQueue } =
  lib('contracts');
const { Outbox, OutboxRelay, OUTBOX_MIGRATIONS } = lib('outbox');
const messaging = lib('messaging');
const { Kafka, Partitioners, logLevel } = require('kafkajs');
const amqp = require('amqplib');
const { DataSource } = require('typeorm');

const env = localInfraEnv(root);
const brokers = env.KAFKA_BROKERS.split(',');
const { values: opts } = parseArgs({
  options: {
    role: { type: 'string' },
    config: { type: 'string' },
    events: { type: 'string', default: '6000' },
    rate: { type: 'string', default: '1000' },
    requests: { type: 'string', default: '2000' },
  },
});

// ---------- shared definitions (both processes build the same registry from the config) ----------
function definitions(cfg) {
  const schema = {
    type: 'object',
    required: ['n', 'memberId'],
    properties: { n: { type: 'integer' }, memberId: { type: 'string' } },
  };
  const Event = defineMessage({
    type: 'bench.item.recorded.v1',
    kind: 'event',
    topic: cfg.topic,
    summary: 'bench',
    schema,
  });
  const Command = defineMessage({
    type: `${cfg.service}.record.v1`,
    kind: 'command',
    service: cfg.service,
    summary: 'bench',
    schema,
  });
  const Reply = defineMessage({
    type: `${cfg.service}.record.result.v1`,
    kind: 'reply',
    service: cfg.service,
    summary: 'bench',
    schema,
  });
  return { Event, Command, Reply, registry: new MessageRegistry([Event, Command, Reply], [cfg.topic]) };
}

class CreateBenchEffects1764400002000 {
  async up(q) {
    await q.query(`CREATE TABLE effects (message_id uuid NOT NULL, latency_ms double precision NOT NULL,
                   handled_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  }
  async down(q) {
    await q.query('DROP TABLE effects');
  }
}

async function openDatabase(url, pool = 20) {
  const ds = await new DataSource({
    type: 'postgres',
    url,
    migrations: [...OUTBOX_MIGRATIONS, messaging.CreateInbox1764400000050, CreateBenchEffects1764400002000],
    extra: { max: pool },
  }).initialize();
  await ds.runMigrations();
  return ds;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------- consumer processes ----------------------------------
async function platformKafkaConsumer(cfg) {
  const { Event, registry } = definitions(cfg);
  const ds = await openDatabase(cfg.consumerDb);
  const kafka = new messaging.KafkaConnection({ brokers, clientId: 'bench-consumer' });
  const server = new messaging.KafkaEventServer(kafka, ds, new Outbox(registry), registry, cfg.group, {
    partitionsConsumedConcurrently: 6,
  });
  server.addHandler(
    Event.type,
    async (envelope, ctx) => {
      await ctx.manager.query('INSERT INTO effects (message_id, latency_ms) VALUES ($1, $2)', [
        envelope.id,
        Date.now() - Date.parse(envelope.time),
      ]);
    },
    true,
  );
  await new Promise((resolve, reject) => server.listen((e) => (e ? reject(e) : resolve())));
  process.send({ ready: true });
}

async function rawKafkaConsumer(cfg) {
  const kafka = new Kafka({ clientId: 'bench-raw-consumer', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: cfg.group });
  await consumer.connect();
  await consumer.subscribe({ topic: cfg.rawTopic, fromBeginning: true });
  const latencies = [];
  let first = 0;
  await consumer.run({
    partitionsConsumedConcurrently: 6,
    eachMessage: async ({ message }) => {
      const sentAt = Number(message.headers.sent_at.toString());
      const now = Date.now();
      first ||= now;
      latencies.push(now - sentAt);
      if (latencies.length % 500 === 0 || latencies.length >= cfg.expect) {
        process.send({
          count: latencies.length,
          first,
          last: now,
          latencies: latencies.length >= cfg.expect ? latencies : undefined,
        });
      }
    },
  });
  process.send({ ready: true });
}

async function platformCommandConsumer(cfg) {
  const { Command, Reply, registry } = definitions(cfg);
  const ds = await openDatabase(cfg.consumerDb);
  const rabbit = new messaging.RabbitConnection({ url: env.RABBITMQ_URL, connectionName: 'bench-commands' });
  await rabbit.connect();
  const kafka = new messaging.KafkaConnection({ brokers, clientId: 'bench-commands' });
  const outbox = new Outbox(registry);
  const server = new messaging.RabbitCommandServer(rabbit, ds, outbox, registry, cfg.service, {
    prefetch: 32,
  });
  server.addHandler(Command.type, async (envelope, ctx) => {
    await ctx.manager.query('INSERT INTO effects (message_id, latency_ms) VALUES ($1, $2)', [
      envelope.id,
      Date.now() - Date.parse(envelope.time),
    ]);
    return Reply.envelope({ ...ctx.follow(), subject: envelope.subject, data: envelope.data });
  });
  // Replies leave right after the handler's commit, as in a service (ServiceKitModule wires the same).
  const relay = new OutboxRelay(cfg.consumerDb, { events: kafka, commands: rabbit });
  outbox.sendAfterCommit(ds, relay);
  relay.start();
  await new Promise((resolve, reject) => server.listen((e) => (e ? reject(e) : resolve())));
  process.send({ ready: true });
}

async function rawCommandConsumer(cfg) {
  const conn = await amqp.connect(env.RABBITMQ_URL, { noDelay: true });
  const ch = await conn.createChannel();
  await ch.assertQueue(cfg.rawQueue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await ch.prefetch(32);
  await ch.consume(cfg.rawQueue, (msg) => {
    ch.sendToQueue(msg.properties.replyTo, msg.content, { correlationId: msg.properties.correlationId });
    ch.ack(msg);
  });
  process.send({ ready: true });
}

// ---------------------------------- orchestration ----------------------------------
function startChild(role, cfg) {
  const child = fork(fileURLToPath(import.meta.url), ['--role', role, '--config', JSON.stringify(cfg)], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const messages = [];
  const waiters = [];
  child.on('message', (m) => {
    messages.push(m);
    for (const w of [...waiters]) {
      if (!w.test(m)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(m);
    }
  });
  const waitFor = (test, timeoutMs = 120_000) =>
    new Promise((resolve, reject) => {
      const found = messages.find(test);
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error(`${role}: timed out`)), timeoutMs);
      waiters.push({ test, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  return { child, waitFor, stop: () => child.kill('SIGKILL') };
}

async function kafkaPlatform(cfg, count, rate) {
  const { Event, registry } = definitions(cfg);
  const ds = await openDatabase(cfg.producerDb);
  const outbox = new Outbox(registry);
  const kafka = new messaging.KafkaConnection({ brokers, clientId: 'bench-producer' });
  const relay = new OutboxRelay(
    cfg.producerDb,
    { events: kafka, commands: { send: async () => undefined } },
    { batchSize: 500 },
  );
  outbox.sendAfterCommit(ds, relay);
  const consumerDs = await new DataSource({ type: 'postgres', url: cfg.consumerDb }).initialize();
  const consumer = startChild('platform-kafka-consumer', cfg);
  await consumer.waitFor((m) => m.ready);
  relay.start();
  await sleep(3000); // consumer group joined and partitions assigned
  const started = Date.now();
  await paced(count, 16, rate, (i) =>
    ds.transaction((m) =>
      outbox.publish(
        m,
        Event.envelope({
          source: 'payments',
          subject: `member-${i % 200}`,
          tenantId: 'club-aurora',
          data: { n: i, memberId: `member-${i % 200}` },
        }),
      ),
    ),
  );
  const written = Date.now();
  for (;;) {
    const [{ n }] = await consumerDs.query('SELECT count(*)::int AS n FROM effects');
    if (n >= count) break;
    if (Date.now() - written > 120_000) throw new Error(`platform: only ${n}/${count} consumed`);
    await sleep(50);
  }
  const rows = await consumerDs.query(
    `SELECT latency_ms, extract(epoch FROM handled_at) * 1000 AS at FROM effects ORDER BY latency_ms`,
  );
  const last = Math.max(...rows.map((r) => Number(r.at)));
  // Where the time goes, per message: write (envelope built → row inserted), relay (row inserted →
  // broker acknowledged, including the commit) and consume (broker acknowledged → handler ran).
  const sent = await ds.query(
    `SELECT message_id, extract(epoch FROM created_at) * 1000 AS created, extract(epoch FROM sent_at) * 1000 AS sent,
            extract(epoch FROM (envelope->>'time')::timestamptz) * 1000 AS built FROM outbox`,
  );
  const handled = new Map(
    (
      await consumerDs.query(`SELECT message_id, extract(epoch FROM handled_at) * 1000 AS at FROM effects`)
    ).map((r) => [r.message_id, Number(r.at)]),
  );
  const stage = (f) => sent.map(f).sort((x, y) => x - y);
  const stages = {
    write: stage((r) => Number(r.created) - Number(r.built)),
    relay: stage((r) => Number(r.sent) - Number(r.created)),
    consume: stage((r) => (handled.get(r.message_id) ?? NaN) - Number(r.sent)),
  };
  consumer.stop();
  await relay.close();
  await Promise.allSettled([kafka.close(), ds.destroy(), consumerDs.destroy()]);
  return {
    ...summarize(
      count,
      started,
      last,
      rows.map((r) => Number(r.latency_ms)),
    ),
    stages: Object.fromEntries(
      Object.entries(stages).map(([k, v]) => [k, { p50: percentile(v, 50), p99: percentile(v, 99) }]),
    ),
  };
}

async function kafkaRaw(cfg, count, rate, batch = 1) {
  const kafka = new Kafka({ clientId: 'bench-raw-producer', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const consumer = startChild('raw-kafka-consumer', { ...cfg, expect: count });
  await consumer.waitFor((m) => m.ready);
  await sleep(3000);
  const { Event } = definitions(cfg);
  const started = Date.now();
  // The same messages, each sent when it is produced (what a service publishing directly does).
  const message = (i) => {
    const envelope = Event.envelope({
      source: 'payments',
      subject: `member-${i % 200}`,
      tenantId: 'club-aurora',
      data: { n: i, memberId: `member-${i % 200}` },
    });
    return {
      key: envelope.subject,
      value: JSON.stringify(envelope),
      headers: { sent_at: String(Date.now()) },
    };
  };
  // batch 1: the same messages, each sent when it is produced (what a service publishing directly does);
  // larger batches show the transport's ceiling.
  await paced(Math.ceil(count / batch), 16, rate, (b) =>
    producer.send({
      topic: cfg.rawTopic,
      acks: -1,
      messages: Array.from({ length: Math.min(batch, count - b * batch) }, (_, k) => message(b * batch + k)),
    }),
  );
  const done = await consumer.waitFor((m) => m.latencies);
  consumer.stop();
  await producer.disconnect();
  return summarize(
    count,
    started,
    done.last,
    done.latencies.sort((a, b) => a - b),
  );
}

async function commandsPlatform(cfg, count, concurrency = 16) {
  const { Command, registry } = definitions(cfg);
  const consumer = startChild('platform-command-consumer', cfg);
  await consumer.waitFor((m) => m.ready);
  const rabbit = new messaging.RabbitConnection({ url: env.RABBITMQ_URL, connectionName: 'bench-client' });
  await rabbit.connect();
  const client = new messaging.CommandClient(rabbit, registry);
  await client.start();
  const latencies = [];
  const started = Date.now();
  await paced(count, concurrency, 0, async (i) => {
    const t = performance.now();
    await client.request(
      Command.envelope({
        source: 'access-gateway',
        subject: `m-${i}`,
        tenantId: 'club-aurora',
        data: { n: i, memberId: `m-${i}` },
      }),
      10_000,
    );
    latencies.push(performance.now() - t);
  });
  const ended = Date.now();
  consumer.stop();
  client.close();
  await rabbit.close();
  return summarize(
    count,
    started,
    ended,
    latencies.sort((a, b) => a - b),
  );
}

async function commandsRaw(cfg, count) {
  const consumer = startChild('raw-command-consumer', cfg);
  await consumer.waitFor((m) => m.ready);
  const conn = await amqp.connect(env.RABBITMQ_URL, { noDelay: true });
  const ch = await conn.createConfirmChannel();
  const { queue: replyQueue } = await ch.assertQueue('', { exclusive: true });
  const pending = new Map();
  await ch.consume(replyQueue, (msg) => pending.get(msg.properties.correlationId)?.(), { noAck: true });
  const { Command } = definitions(cfg);
  const latencies = [];
  const started = Date.now();
  await paced(count, 16, 0, async (i) => {
    const t = performance.now();
    const id = randomUUID();
    const body = Buffer.from(
      JSON.stringify(
        Command.envelope({
          source: 'access-gateway',
          subject: `m-${i}`,
          tenantId: 'club-aurora',
          data: { n: i, memberId: `m-${i}` },
        }),
      ),
    );
    const replied = new Promise((resolve) => pending.set(id, resolve));
    await new Promise((resolve, reject) =>
      ch.sendToQueue(cfg.rawQueue, body, { persistent: true, correlationId: id, replyTo: replyQueue }, (e) =>
        e ? reject(e) : resolve(),
      ),
    );
    await replied;
    pending.delete(id);
    latencies.push(performance.now() - t);
  });
  const ended = Date.now();
  consumer.stop();
  await conn.close();
  return summarize(
    count,
    started,
    ended,
    latencies.sort((a, b) => a - b),
  );
}

function summarize(count, started, ended, sortedLatencies) {
  return {
    perSecond: (count * 1000) / Math.max(1, ended - started),
    p50: percentile(sortedLatencies, 50),
    p99: percentile(sortedLatencies, 99),
  };
}

async function main() {
  const events = Number(opts.events);
  const rate = Number(opts.rate);
  const requests = Number(opts.requests);
  const kafka = new Kafka({ clientId: 'bench-admin', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const log = (text) => process.stderr.write(`${text}\n`);
  const letters = (n) =>
    randomUUID()
      .slice(0, n)
      .replace(/[^a-f]/g, (d) => 'ghijklmnop'[Number(d)] ?? 'q');

  /** Every scenario gets its own topics, consumer group, queues and databases: no run sees another's data. */
  async function scenario(label, fn) {
    log(`bench: ${label} ...`);
    const suffix = letters(6);
    const dbs = await Promise.all(['bench_producer', 'bench_consumer'].map((p) => createScratchDatabase(p)));
    const cfg = {
      service: `bench${suffix}`,
      topic: `bench.items-${suffix}.v1`,
      rawTopic: `bench.raw-${suffix}.v1`,
      group: `bench-${suffix}`,
      rawQueue: `bench-raw-${suffix}`,
      producerDb: adminDatabaseUrl(dbs[0].name),
      consumerDb: adminDatabaseUrl(dbs[1].name),
    };
    const topics = [cfg.topic, deadLetterTopic(cfg.topic), cfg.rawTopic];
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({ topic, numPartitions: topic.endsWith('.dlt') ? 1 : 6 })),
    });
    try {
      return await fn(cfg);
    } finally {
      await admin.deleteTopics({ topics }).catch(() => undefined);
      await admin.deleteGroups([cfg.group]).catch(() => undefined);
      const conn = await amqp.connect(env.RABBITMQ_URL);
      const ch = await conn.createChannel();
      for (const q of [commandQueue(cfg.service), commandDeadLetterQueue(cfg.service), cfg.rawQueue]) {
        await ch.deleteQueue(q).catch(() => undefined);
      }
      await conn.close();
      await Promise.allSettled(dbs.map((d) => d.drop()));
    }
  }

  const rows = [
    [
      'kafka events, unthrottled',
      events,
      await scenario('kafka platform, unthrottled', (c) => kafkaPlatform(c, events, 0)),
      await scenario('kafka raw, unthrottled', (c) => kafkaRaw(c, events, 0)),
    ],
    [
      `kafka events at ${rate}/s`,
      events,
      await scenario(`kafka platform at ${rate}/s`, (c) => kafkaPlatform(c, events, rate)),
      await scenario(`kafka raw at ${rate}/s`, (c) => kafkaRaw(c, events, rate)),
    ],
    [
      'rabbitmq command round trips, 16 in flight',
      requests,
      await scenario('rabbitmq platform round trips', (c) => commandsPlatform(c, requests)),
      await scenario('rabbitmq raw round trips', (c) => commandsRaw(c, requests)),
    ],
  ];
  const ceiling = await scenario('kafka raw, batches of 500', (c) => kafkaRaw(c, events, 0, 500));
  await admin.disconnect();

  const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
  const header = [
    'scenario',
    'messages',
    'platform msg/s',
    'raw msg/s',
    'ratio',
    'platform p50 ms',
    'platform p99 ms',
    'raw p50 ms',
    'raw p99 ms',
  ];
  const table = rows.map(([name, n, p, r]) => [
    name,
    String(n),
    f(p.perSecond),
    f(r.perSecond),
    f(p.perSecond / r.perSecond, 2),
    f(p.p50, 1),
    f(p.p99, 1),
    f(r.p50, 1),
    f(r.p99, 1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
  );
  for (const row of table) console.log(line(row));
  const [unthrottled, atRate, commands] = rows;
  console.log(`ratio: ${f(unthrottled[2].perSecond / unthrottled[3].perSecond, 2)}`);
  console.log(
    `p99 at ${rate} events/s: ${f(atRate[2].p99, 1)} ms (platform), ${f(atRate[3].p99, 1)} ms (raw)`,
  );
  console.log(
    `  by stage, p50/p99 ms: ${Object.entries(atRate[2].stages)
      .map(([k, v]) => `${k} ${f(v.p50, 1)}/${f(v.p99, 1)}`)
      .join(', ')}`,
  );
  console.log(`command round trips ratio: ${f(commands[2].perSecond / commands[3].perSecond, 2)}`);
  console.log(
    `raw kafkajs ceiling, batches of 500: ${f(ceiling.perSecond)} msg/s (platform reaches ${f((100 * unthrottled[2].perSecond) / ceiling.perSecond)}%)`,
  );
}

const roles = {
  'platform-kafka-consumer': platformKafkaConsumer,
  'raw-kafka-consumer': rawKafkaConsumer,
  'platform-command-consumer': platformCommandConsumer,
  'raw-command-consumer': rawCommandConsumer,
};
if (opts.role) {
  roles[opts.role](JSON.parse(opts.config)).catch((error) => {
    process.stderr.write(`${opts.role}: ${error.stack}\n`);
    process.exit(1);
  });
} else {
  main().then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`bench failed: ${error.stack}\n`);
      process.exit(1);
    },
  );
}
