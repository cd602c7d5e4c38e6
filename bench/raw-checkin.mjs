// The raw baseline of the checkin suite, measured in the same run: the same business effect without
// the platform. Per check-in, two RabbitMQ request/replies to a wallet process in another process
// (reserve: one conditional UPDATE; commit: one UPDATE, autocommit, in PostgreSQL) around the same
// HTTP call to the sandbox's access vendor. No outbox, inbox, saga state, ledger, events or JWT: what
// the platform adds for durability, exactly-once effects and audit is the gap between the two.
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { paced, percentile } from './stats.mjs';

const require = createRequire(import.meta.url);
const amqp = require('amqplib');
const { Pool } = require('pg');

/** The wallet process: answers `reserve` and `commit` on its queue. */
async function walletProcess({ rabbitUrl, databaseUrl, queue }) {
  const pool = new Pool({ connectionString: databaseUrl, max: 8 });
  const conn = await amqp.connect(rabbitUrl, { noDelay: true });
  const ch = await conn.createChannel();
  await ch.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await ch.prefetch(32);
  await ch.consume(queue, async (msg) => {
    const { op, memberId, amount } = JSON.parse(msg.content.toString());
    const { rowCount } = await pool.query(
      op === 'reserve'
        ? `UPDATE raw_wallet SET available = available - $2, reserved = reserved + $2
            WHERE member_id = $1 AND available >= $2`
        : `UPDATE raw_wallet SET reserved = reserved - $2 WHERE member_id = $1 AND reserved >= $2`,
      [memberId, amount],
    );
    ch.sendToQueue(msg.properties.replyTo, Buffer.from(JSON.stringify({ ok: rowCount === 1 })), {
      correlationId: msg.properties.correlationId,
    });
    ch.ack(msg);
  });
  process.send({ ready: true });
}

/** An HTTP server that answers 204 to anything: where the vendor's webhooks go during the raw runs. */
export async function webhookSink() {
  const server = createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

if (process.argv[2] === '--raw-wallet') {
  walletProcess(JSON.parse(process.argv[3])).catch((error) => {
    process.stderr.write(`raw wallet failed: ${error.stack}\n`);
    process.exit(1);
  });
}

/**
 * `count` raw check-ins with `concurrency` in flight (paced at `rate`/s when given); members seeded
 * with one session's credit. Point the vendor's webhooks elsewhere first (`webhookSink`): the raw side
 * does not process them.
 */
export async function measureRawCheckins({
  rabbitUrl,
  databaseUrl,
  vendorUrl,
  count,
  concurrency,
  price,
  rate,
}) {
  const queue = `bench-raw-wallet-${randomUUID().slice(0, 8)}`;
  const db = new Pool({ connectionString: databaseUrl, max: 2 });
  await db.query(`CREATE TABLE IF NOT EXISTS raw_wallet (member_id text PRIMARY KEY, available bigint NOT NULL,
    reserved bigint NOT NULL DEFAULT 0)`);
  const members = Array.from({ length: count }, (_, i) => `raw-${i}-${randomUUID().slice(0, 6)}`);
  await db.query(`INSERT INTO raw_wallet (member_id, available) SELECT unnest($1::text[]), $2`, [
    members,
    price,
  ]);

  const child = fork(
    fileURLToPath(import.meta.url),
    ['--raw-wallet', JSON.stringify({ rabbitUrl, databaseUrl, queue })],
    {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`raw wallet exited with ${code}`)));
  });
  const conn = await amqp.connect(rabbitUrl, { noDelay: true });
  const ch = await conn.createConfirmChannel();
  const { queue: replyQueue } = await ch.assertQueue('', { exclusive: true });
  const pending = new Map();
  await ch.consume(
    replyQueue,
    (msg) => pending.get(msg.properties.correlationId)?.(JSON.parse(msg.content)),
    {
      noAck: true,
    },
  );
  const request = (body) => {
    const id = randomUUID();
    const replied = new Promise((resolve) => pending.set(id, resolve));
    ch.sendToQueue(queue, Buffer.from(JSON.stringify(body)), {
      persistent: true,
      correlationId: id,
      replyTo: replyQueue,
    });
    return replied.finally(() => pending.delete(id));
  };
  try {
    const latencies = [];
    let failed = 0;
    const started = Date.now();
    await paced(count, concurrency, rate, async (i) => {
      const t = performance.now();
      const memberId = members[i];
      const reserved = await request({ op: 'reserve', memberId, amount: price });
      const res = await fetch(`${vendorUrl}/api/v1/access/checkin`, {
        method: 'POST',
        headers: { authorization: 'Bearer sandbox-access-key', 'content-type': 'application/json' },
        body: JSON.stringify({ user_id: memberId, court_id: 'court-1', external_ref: randomUUID() }),
      });
      await res.text();
      const committed = await request({ op: 'commit', memberId, amount: price });
      if (!reserved.ok || !res.ok || !committed.ok) failed++;
      latencies.push(performance.now() - t);
    });
    const perSecond = (count * 1000) / (Date.now() - started);
    latencies.sort((a, b) => a - b);
    return { perSecond, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed };
  } finally {
    child.kill('SIGKILL');
    await ch.deleteQueue(queue).catch(() => undefined);
    await conn.close().catch(() => undefined);
    await db.end();
  }
}
