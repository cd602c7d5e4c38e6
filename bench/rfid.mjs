// RFID round trip for the checkin suite: a registered reader publishes a scan (QoS 1) on the secured
// device broker; iot-bridge announces it, the gateway runs the member's check-in saga (payments, the
// sandbox's access vendor) and the outcome comes back on rfid/<reader>/response. Latency is from
// publishing the scan to receiving its answer. Its own device broker (scripts/infra/mosquitto-devices.sh
// on a free port and a scratch folder) and iot-bridge, so nothing of `npm start` is touched.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { enrolMembers, fundMembers, percentile, tally } from './stats.mjs';

/**
 * Two runs, like the check-ins: every scan at once (answers/s at capacity, latency including the
 * backlog), then paced at `rate` scans/s (latency when not saturated; 0: half the capacity run's rate).
 * One member and card per scan. With `probe({ bridge, broker })` (→ { stop(): Promise<resources> }), the
 * capacity run's result carries `resources`: what it resolved with, measured from the first scan to the
 * last answer.
 */
export async function measureRfid({
  root,
  gateway,
  staffToken,
  paymentsDb,
  gatewayDb,
  court,
  price,
  scans,
  rate,
  log,
  probe,
}) {
  const require = createRequire(import.meta.url);
  const { startService, startDevicesBroker, adminDatabaseUrl } = require(
    join(root, 'libs/testing/dist/index.js'),
  );
  const { DataSource } = require('typeorm');
  const { connectAsync } = require('mqtt');
  const broker = await startDevicesBroker();
  const url = broker.url;
  const brokerEnv = broker.env;
  let bridge;
  let bridgeDb;
  let reader;
  try {
    log('bench: rfid: starting a device broker and iot-bridge ...');
    // Long enough that the capacity run's backlog is measured, not answered "try again".
    bridge = await startService('iot-bridge', {
      env: { ...brokerEnv, RFID_ANSWER_DEADLINE_MS: '60000', LOG_LEVEL: 'warn' },
    });
    const readerId = `bench-door-${randomUUID().slice(0, 6)}`;
    const res = await fetch(`${gateway.url}/v1/devices/${readerId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'rfid-reader', courtId: court }),
    });
    if (res.status !== 201)
      throw new Error(`reader registration answered ${res.status}: ${await res.text()}`);
    const { credentials } = await res.json();
    reader = await connectAsync(url, { ...credentials, clientId: readerId, reconnectPeriod: 0 });
    const answered = new Map();
    reader.on('message', (_topic, payload) => {
      const answer = JSON.parse(payload.toString());
      if (!answered.has(answer.scanId))
        answered.set(answer.scanId, { at: performance.now(), epochMs: Date.now(), answer });
    });
    await reader.subscribeAsync(`rfid/${readerId}/response`, { qos: 1 });

    const run = async (label, count, pace, probing) => {
      const members = Array.from({ length: count }, (_, i) => `rfid-${i}-${randomUUID().slice(0, 6)}`);
      const cards = members.map(() => randomUUID().replace(/-/g, '').slice(0, 14).toUpperCase());
      await fundMembers(paymentsDb, members, price);
      await enrolMembers(gatewayDb, members);
      await gatewayDb.query(
        `INSERT INTO rfid_card (tenant_id, card_id, member_id) SELECT 'club-aurora', * FROM unnest($1::text[], $2::text[])`,
        [cards, members],
      );
      log(`bench: rfid: ${label}: ${count} scans${pace ? ` at ${pace}/s` : ''} ...`);
      const sent = new Map();
      const sentEpochMs = new Map();
      const probed = probing?.();
      const started = performance.now();
      await Promise.all(
        cards.map(async (card, i) => {
          if (pace) await new Promise((r) => setTimeout(r, (i * 1000) / pace));
          const scanId = `bench-${randomUUID()}`;
          sent.set(scanId, performance.now());
          sentEpochMs.set(scanId, Date.now());
          await reader.publishAsync(
            `rfid/${readerId}/scan`,
            JSON.stringify({ scan_id: scanId, card_id: card, timestamp: new Date().toISOString() }),
            { qos: 1 },
          );
        }),
      );
      const deadline = Date.now() + 120_000;
      while ([...sent.keys()].some((id) => !answered.has(id))) {
        if (Date.now() > deadline) throw new Error('scans still unanswered after 2 minutes');
        await new Promise((r) => setTimeout(r, 50));
      }
      const resources = await probed?.stop();
      const mine = [...sent].map(([id, t]) => ({ latency: answered.get(id).at - t, ...answered.get(id) }));
      const latencies = mine.map((m) => m.latency).sort((a, b) => a - b);
      return {
        label,
        count,
        pace,
        perSecond: (count * 1000) / (Math.max(...mine.map((m) => m.at)) - started),
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        outcomes: tally(mine.map((m) => m.answer.message)),
        stages: await stages(sentEpochMs),
        resources,
      };
    };

    /** p50 of each leg of the round trip, from the rows each service wrote (one machine, one clock). */
    const stages = async (sentEpochMs) => {
      bridgeDb ??= await new DataSource({
        type: 'postgres',
        url: adminDatabaseUrl(bridge.database),
      }).initialize();
      const ms = (column) => `extract(epoch FROM ${column}) * 1000`;
      const scans = await bridgeDb.query(
        `SELECT scan_id, correlation_id::text AS flow, ${ms('received_at')} AS received,
                ${ms('answered_at')} AS answered, ${ms('delivered_at')} AS delivered
           FROM rfid_scan WHERE scan_id = ANY($1)`,
        [[...sentEpochMs.keys()]],
      );
      const sagas = new Map(
        (
          await gatewayDb.query(
            `SELECT correlation_id AS flow, ${ms('created_at')} AS started, ${ms('updated_at')} AS ended
               FROM saga_instance WHERE correlation_id = ANY($1)`,
            [scans.map((r) => r.flow)],
          )
        ).map((r) => [r.flow, r]),
      );
      const legs = {
        'scan → iot-bridge': (r) => r.received - sentEpochMs.get(r.scan_id),
        '→ saga started (Kafka)': (r) => sagas.get(r.flow).started - r.received,
        saga: (r) => sagas.get(r.flow).ended - sagas.get(r.flow).started,
        '→ outcome at iot-bridge (Kafka)': (r) => r.answered - sagas.get(r.flow).ended,
        '→ answer published': (r) => r.delivered - r.answered,
        '→ reader': (r) => answered.get(r.scan_id).epochMs - r.delivered,
      };
      const complete = scans.filter((r) => sagas.has(r.flow) && r.delivered !== null);
      return Object.entries(legs).map(([leg, of]) => ({
        leg,
        p50: percentile(
          complete.map((r) => Number(of(r))).sort((a, b) => a - b),
          50,
        ),
      }));
    };
    const capacity = await run('capacity', scans, 0, probe && (() => probe({ bridge, broker })));
    const paced = await run(
      'paced',
      Math.round(scans / 2),
      rate || Math.max(1, Math.round(capacity.perSecond / 2)),
    );
    return { capacity, paced };
  } finally {
    await reader?.endAsync().catch(() => undefined);
    await bridgeDb?.destroy();
    await bridge?.stop();
    await broker.stop();
  }
}
