// Video benchmark (issue 14): a court panel's highlight button pressed (MQTT) → the clip asked of the
// video vendor. The booted iot-bridge (on its own secured device broker: scripts/infra/mosquitto-devices.sh
// on a free port and a scratch folder, as bench/rfid.mjs) takes `panel/<panelId>/button/pressed` and
// publishes iot.button.pressed.v1 through its outbox to Kafka; the booted video takes it through its
// inbox, finds the court's recording stream and writes the highlight and its clip step, which asks the
// partner sandbox's Mux for the clip (`assets.create` through `@mux/mux-node`) right after the commit.
// Before the run, --courts courts each get a camera and a court panel (registered in iot-bridge over
// RabbitMQ as the gateway does), and an open session (access.session.started.v1 on Kafka, as the
// gateway publishes it): video creates each camera's live stream at Mux and hands it its key through
// iot-bridge, the bench connects each camera's encoder at the sandbox (recording from two minutes ago)
// and waits until video knows every court's recording (Mux's video.asset.created webhook), so every
// press can clip.
// Presses go at --rate per second for --duration seconds, whatever is in flight (open loop), press i on
// court i mod courts, each from its court's panel login (QoS 1, the panel's JSON with a fresh
// request_id). At 20/s over 50 courts each court's button is pressed every 2.5 s, inside video's
// debounce (HIGHLIGHT_DEBOUNCE_MS, 5 s: presses that close are one play), so video runs with it at 0 and
// every press is a clip.
// Latency runs from just before the publish to the moment the clip's create request reached the
// sandbox (`received_at_ms` in its admin listing of assets, the machine's clock, read once after the
// run; nothing polls the sandbox during it). A press is matched to its clip by the highlight id the clip
// carries (passthrough) and video's highlight row (press id = the panel's request_id). Lost: presses
// with no clip asked for within a minute of the last press. Throughput: clips asked for per second, from
// the first press to the last clip. Then the legs (iot-bridge's panel_request row and outbox row, video's
// inbox row: PostgreSQL's clocks) and what each process cost during the run (bench/procs.mjs). A warm-up
// of one press per court (at --rate, not measured) comes first. The raw baseline (bench/raw-video.mjs):
// the same presses on the machine's Mosquitto to a plain subscriber that calls assets.create, in the same
// run, at the same rate.
//   node bench/video.mjs [--rate 20] [--duration 30] [--courts 50] [--cpu-prof <dir>] [--samples <file>]
// --cpu-prof <dir>: iot-bridge and video run under Node's --cpu-prof
// (`node bench/cpu-top.mjs <dir>/iot-bridge.cpuprofile --window platform`). --samples <file>: each
// press's timings as JSON lines (sent at, latency, the legs in order), to see when the slow ones came.
import { generateKeyPairSync, constants, privateDecrypt, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { INFRASTRUCTURE, cmdline, resourceTable, startProbe } from './procs.mjs';
import { collectProfiles, monotonicUs, profiling } from './profiles.mjs';
import { clipArrivals, measureRawVideo } from './raw-video.mjs';
import { webhookSink } from './raw-checkin.mjs';
import { paced, percentile } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const lib = (name) => require(join(root, `libs/${name}/dist/index.js`));
const { startService, startDevicesBroker, adminDatabaseUrl, kafkaCaughtUp, localInfraEnv, sandboxAdmin } =
  lib('testing');
const { AccessSessionStartedV1, IotBridgeRegisterDeviceV2 } = lib('contracts');
const { CommandClient, RabbitConnection } = lib('messaging');
const { Kafka, logLevel } = require('kafkajs');
const { connectAsync } = require('mqtt');
const { DataSource } = require('typeorm');

const { values: opts } = parseArgs({
  options: {
    /** Presses per second (and of the raw baseline). */
    rate: { type: 'string', default: '20' },
    /** Seconds of presses; rate × duration presses. */
    duration: { type: 'string', default: '30' },
    /** Courts with a camera, a panel and an open session; the presses go round them. */
    courts: { type: 'string', default: '50' },
    /** A folder for the CPU profiles of iot-bridge and video (Node's --cpu-prof). */
    'cpu-prof': { type: 'string' },
    /** A file for each press's timings (JSON lines: sent at, latency, legs), to see when the slow ones came. */
    samples: { type: 'string' },
  },
});
const rate = Number(opts.rate);
const total = Math.round(rate * Number(opts.duration));
const courtCount = Number(opts.courts);
const profileDir = opts['cpu-prof'] && resolve(opts['cpu-prof']);
const log = (text) => process.stderr.write(`${text}\n`);
const infra = localInfraEnv(root);
const TENANT = 'club-aurora';
/** Issue 14's target on the 2-core machine. */
const TARGET = { p99: 100 };
/** How long the bench waits for the last clip request after the last press before counting the rest lost. */
const SETTLE_MS = 60_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const run = randomUUID().slice(0, 8);
  log('bench: starting a device broker, partner-sandbox, iot-bridge and video ...');
  const broker = await startDevicesBroker();
  const started = [];
  const clients = [];
  let rabbit;
  let producer;
  let videoDb;
  let bridgeDb;
  const windows = {};
  try {
    const sandbox = await startService('partner-sandbox', { env: { LOG_LEVEL: 'warn' } });
    started.push(sandbox);
    const bridge = await startService('iot-bridge', {
      env: { ...broker.env, ...profiling(profileDir), LOG_LEVEL: 'warn' },
    });
    started.push(bridge);
    const video = await startService('video', {
      env: {
        ...profiling(profileDir),
        MUX_API_URL: sandbox.url,
        MUX_PLAYBACK_URL: `${sandbox.url}/stream`,
        // Each court's button is pressed every courts / rate seconds: every press a clip.
        HIGHLIGHT_DEBOUNCE_MS: '0',
        LOG_LEVEL: 'warn',
      },
    });
    started.push(video);
    const muxWebhooks = (url) =>
      sandboxAdmin(sandbox.url)('PUT', 'webhooks/mux', { url, secret: video.env.MUX_WEBHOOK_SECRETS });
    if (!(await muxWebhooks(`${video.url}/webhooks/mux`)).ok)
      throw new Error("could not point Mux's webhooks");
    videoDb = await new DataSource({ type: 'postgres', url: adminDatabaseUrl(video.database) }).initialize();
    bridgeDb = await new DataSource({
      type: 'postgres',
      url: adminDatabaseUrl(bridge.database),
    }).initialize();
    // Sessions and presses other runs left on the shared topics would be handled during ours.
    await kafkaCaughtUp('video', 300_000);
    await kafkaCaughtUp('iot-bridge', 300_000);

    log(`bench: ${courtCount} courts, each with a camera, a panel and a session ...`);
    rabbit = new RabbitConnection({ url: infra.RABBITMQ_URL, connectionName: 'bench-video' });
    await rabbit.connect();
    const registry = new CommandClient(rabbit);
    await registry.start();
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const register = async (deviceId, kind, courtId) => {
      const reply = await registry.request(
        IotBridgeRegisterDeviceV2.envelope({
          source: 'access-gateway',
          tenantId: TENANT,
          subject: deviceId,
          data: {
            deviceId,
            kind,
            courtId,
            credentialsKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
          },
        }),
        10_000,
      );
      const sealed = reply.data.credentials?.sealedPassword;
      if (!sealed) throw new Error(`${deviceId} not registered: ${JSON.stringify(reply.data)}`);
      return privateDecrypt(
        { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
        Buffer.from(sealed, 'base64'),
      ).toString();
    };
    /** Logs a device in; iot-bridge rewrites the broker's logins and signals it, so a moment later. */
    const login = async (username, password) => {
      for (const deadline = Date.now() + 15_000; ; await sleep(200)) {
        try {
          const client = await connectAsync(broker.url, {
            username,
            password,
            clientId: username,
            reconnectPeriod: 0,
          });
          clients.push(client);
          return client;
        } catch (error) {
          if (Date.now() > deadline) throw new Error(`${username} cannot log in: ${error.message}`);
        }
      }
    };
    const courts = [];
    for (let k = 0; k < courtCount; k++) {
      const courtId = `bench-${run}-${k}`;
      const cameraId = `cam-${run}-${k}`;
      const panelId = `panel-${run}-${k}`;
      const cameraPassword = await register(cameraId, 'camera', courtId);
      const panelPassword = await register(panelId, 'court-panel', courtId);
      courts.push({ courtId, cameraId, panelId, cameraPassword, panelPassword });
    }
    for (const court of courts) {
      court.camera = await login(court.cameraId, court.cameraPassword);
      court.panel = await login(court.panelId, court.panelPassword);
      court.key = new Promise((resolve) =>
        court.camera.on('message', (_topic, payload) => payload.length && resolve(JSON.parse(payload))),
      );
      await court.camera.subscribeAsync(`camera/${court.cameraId}/stream`, { qos: 1 });
    }
    const kafka = new Kafka({
      clientId: 'bench-video',
      brokers: infra.KAFKA_BROKERS.split(','),
      logLevel: logLevel.ERROR,
    });
    producer = kafka.producer();
    await producer.connect();
    // The players checked in three minutes ago; the cameras have recorded for two.
    const sessionStart = new Date(Date.now() - 180_000).toISOString();
    const recordingStart = new Date(Date.now() - 120_000).toISOString();
    for (const [k, { courtId }] of courts.entries()) {
      const event = AccessSessionStartedV1.envelope({
        source: 'access-gateway',
        tenantId: TENANT,
        subject: `session-${run}-${k}`,
        data: {
          sessionId: `session-${run}-${k}`,
          memberId: `bench-${run}-m${k}`,
          courtId,
          startedAt: sessionStart,
        },
      });
      await producer.send({
        topic: 'access.session.v1',
        messages: [
          {
            key: event.subject,
            value: JSON.stringify(event),
            headers: { ce_id: event.id, ce_type: event.type },
          },
        ],
      });
    }
    for (const court of courts) {
      const { streamKey } = await Promise.race([
        court.key,
        sleep(120_000).then(() => Promise.reject(new Error(`no stream key for ${court.cameraId}`))),
      ]);
      const res = await fetch(`${sandbox.url}/__admin/mux/encoders/${streamKey}/connect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ at: recordingStart }),
      });
      if (!res.ok) throw new Error(`encoder of ${court.cameraId}: ${res.status} ${await res.text()}`);
      await court.camera.endAsync(); // the encoder has its key; the camera's login is idle from here
    }
    for (const deadline = Date.now() + 120_000; ; await sleep(250)) {
      const [{ n }] = await videoDb.query(
        `SELECT count(*)::int AS n FROM live_stream WHERE recording_asset_id IS NOT NULL AND court_id = ANY($1)`,
        [courts.map((c) => c.courtId)],
      );
      if (n === courtCount) break;
      if (Date.now() > deadline)
        throw new Error(`video knows ${n} of ${courtCount} recordings after 2 minutes`);
    }

    /** Press i: court i mod courts's panel, its own request id, stamped with the panel's clock. */
    const press = (i, requestId) => {
      const { panel, panelId } = courts[i % courtCount];
      return panel.publishAsync(
        `panel/${panelId}/button/pressed`,
        JSON.stringify({ request_id: requestId, timestamp: new Date().toISOString() }),
        { qos: 1 },
      );
    };
    /** Until video has asked for the clip of every press in `ids` (or made no progress for SETTLE_MS). */
    const settle = async (ids) => {
      let done = 0;
      for (let last = Date.now(); done < ids.length && Date.now() - last < SETTLE_MS; await sleep(250)) {
        const [{ n }] = await videoDb.query(
          `SELECT count(*)::int AS n FROM highlight WHERE press_id = ANY($1) AND status <> 'requesting'`,
          [ids],
        );
        if (n > done) last = Date.now();
        done = n;
      }
    };
    const warm = Array.from({ length: courtCount }, (_, i) => `w-${run}-${i}`);
    log(`bench: warming up: ${warm.length} presses at ${rate}/s ...`);
    await paced(warm.length, warm.length, rate, (i) => press(i, warm[i]));
    await settle(warm);
    await sleep(2_000);

    log(`bench: platform: ${total} presses at ${rate}/s over ${courtCount} courts ...`);
    const ids = Array.from({ length: total }, (_, i) => `p-${run}-${i}`);
    const sentAt = new Map();
    const bench = { name: 'bench (load generator)', pid: process.pid };
    const deviceBroker = {
      name: 'Mosquitto (device broker)',
      match: (p, _all, pid) => p.comm === 'mosquitto' && cmdline(pid).includes(broker.dir),
    };
    const probing = startProbe([
      ...[bridge, video, sandbox].map((s) => ({ name: s.name, pid: s.process.pid })),
      deviceBroker,
      ...INFRASTRUCTURE,
      bench,
    ]);
    const startUs = monotonicUs();
    const first = Date.now();
    await paced(total, total, rate, async (i) => {
      sentAt.set(ids[i], Date.now());
      await press(i, ids[i]);
    });
    const offeredS = (Date.now() - first) / 1000;
    await settle(ids);
    const resources = await probing.stop();
    windows.platform = [startUs, monotonicUs()];

    // Press → highlight (video's row) → clip at the sandbox (its passthrough).
    const highlights = await videoDb.query(
      `SELECT highlight_id::text AS id, press_id FROM highlight WHERE press_id = ANY($1)`,
      [ids],
    );
    const { arrivals, duplicates } = await clipArrivals(sandbox.url, 'h');
    const arrivedAt = new Map();
    let extra = 0;
    for (const h of highlights) {
      if (!arrivals.has(h.id)) continue;
      if (arrivedAt.has(h.press_id)) extra++;
      else arrivedAt.set(h.press_id, arrivals.get(h.id));
    }
    const sorted = (values) => values.filter(Number.isFinite).sort((a, b) => a - b);
    const latencies = sorted([...arrivedAt].map(([id, at]) => at - sentAt.get(id)));
    const platform = {
      count: total,
      lost: total - arrivedAt.size,
      perSecond: (arrivedAt.size * 1000) / (Math.max(...arrivedAt.values()) - first),
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: latencies.at(-1),
    };

    // Legs, from the databases' clocks: iot-bridge's panel_request row (its transaction's start) and its
    // outbox row (the event written, just before the commit; its sent_at is written later, with the next
    // outbox write), video's inbox row (the press received, in its handling transaction).
    const ms = (column) => `extract(epoch FROM ${column}) * 1000`;
    const bridgeRows = await bridgeDb.query(
      `SELECT r.request_id, ${ms('r.received_at')} AS taken, ${ms('o.created_at')} AS written,
              o.message_id::text AS message_id
         FROM panel_request r
         LEFT JOIN outbox o ON o.destination = 'iot.device.v1' AND o.envelope->'data'->>'requestId' = r.request_id
        WHERE r.request_id = ANY($1)`,
      [ids],
    );
    const inbox = new Map(
      (
        await videoDb.query(
          `SELECT message_id::text AS id, ${ms('received_at')} AS at FROM inbox WHERE message_id = ANY($1::uuid[])`,
          [bridgeRows.map((r) => r.message_id).filter(Boolean)],
        )
      ).map((r) => [r.id, Number(r.at)]),
    );
    // video's clip step, written in the press's inbox transaction (just before its commit).
    const stepWritten = new Map(
      (
        await videoDb.query(
          `SELECT envelope->'data'->>'highlightId' AS id, ${ms('created_at')} AS at FROM outbox
            WHERE envelope->>'type' = 'video.clip-highlight.v1' AND envelope->'data'->>'highlightId' = ANY($1)`,
          [highlights.map((h) => h.id)],
        )
      ).map((r) => [r.id, Number(r.at)]),
    );
    const stepOf = new Map(highlights.map((h) => [h.press_id, stepWritten.get(h.id)]));
    const legOf = new Map(
      bridgeRows.map((r) => [
        r.request_id,
        {
          taken: Number(r.taken),
          written: r.written === null ? NaN : Number(r.written),
          received: inbox.get(r.message_id),
          step: stepOf.get(r.request_id),
        },
      ]),
    );
    const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
    const leg = (of) => {
      const s = sorted(ids.map((id) => of(id, legOf.get(id) ?? {})));
      return `${f(percentile(s, 50))} / ${f(percentile(s, 99))}`;
    };
    const legs = [
      ['press → taken by iot-bridge (its transaction begins)', leg((id, l) => l.taken - sentAt.get(id))],
      ['→ event written (outbox row)', leg((_id, l) => l.written - l.taken)],
      ['→ received by video (commit, relay, Kafka, consumer)', leg((_id, l) => l.received - l.written)],
      ['→ clip step written (press handled in the inbox transaction)', leg((_id, l) => l.step - l.received)],
      [
        '→ clip request at Mux (commit, local step, @mux/mux-node)',
        leg((id, l) => arrivedAt.get(id) - l.step),
      ],
    ];

    if (opts.samples) {
      const lines = ids.map((id, i) => {
        const l = legOf.get(id) ?? {};
        const sent = sentAt.get(id);
        return JSON.stringify({
          i,
          court: i % courtCount,
          sentAtMs: sent,
          latencyMs: arrivedAt.get(id) - sent,
          legs: [
            l.taken - sent,
            l.written - l.taken,
            l.received - l.written,
            l.step - l.received,
            arrivedAt.get(id) - l.step,
          ],
        });
      });
      writeFileSync(opts.samples, `${lines.join('\n')}\n`);
    }

    // The raw baseline: the sandbox's webhooks for its clips go to a sink, not to video.
    const sink = await webhookSink();
    await muxWebhooks(sink.url);
    let raw;
    try {
      raw = await measureRawVideo({
        sandboxUrl: sandbox.url,
        mqttUrl: infra.MQTT_URL,
        courts: courtCount,
        count: total,
        rate,
        warmup: courtCount,
        log,
        probe: (subscriber) =>
          startProbe([
            { name: sandbox.name, pid: sandbox.process.pid },
            { name: 'raw subscriber', pid: subscriber.pid },
            {
              name: 'Mosquitto (machine)',
              match: (p, _all, pid) => p.comm === 'mosquitto' && cmdline(pid).includes('/etc/mosquitto'),
            },
            // The services are the bench's children: listed before it, so it is not charged for them.
            ...[bridge, video].map((s) => ({ name: s.name, pid: s.process.pid })),
            deviceBroker,
            ...INFRASTRUCTURE,
            bench,
          ]),
      });
    } finally {
      sink.close();
    }

    const ratio = (a, b) => f(a / b, 2);
    console.log('| run | presses | lost | clips asked /s | p50 ms | p90 ms | p99 ms | max ms |');
    console.log('|:--|--:|--:|--:|--:|--:|--:|--:|');
    console.log(
      `| video (platform), ${rate}/s for ${f(offeredS, 1)} s over ${courtCount} courts | ${platform.count} | ${platform.lost} | ${f(platform.perSecond, 1)} | ${f(platform.p50)} | ${f(platform.p90)} | ${f(platform.p99)} | ${f(platform.max)} |`,
    );
    console.log(
      `| raw MQTT → subscriber → assets.create, ${rate}/s | ${raw.count} | ${raw.lost} | ${f(raw.perSecond, 1)} | ${f(raw.p50)} | ${f(raw.p90)} | ${f(raw.p99)} | ${f(raw.max)} |`,
    );
    console.log(
      `| platform ÷ raw | | | ${ratio(platform.perSecond, raw.perSecond)} | ×${ratio(platform.p50, raw.p50)} | ×${ratio(platform.p90, raw.p90)} | ×${ratio(platform.p99, raw.p99)} | ×${ratio(platform.max, raw.max)} |`,
    );
    const mark = (ok) => (ok ? 'met' : 'MISSED');
    console.log(
      `target (issue 14, 2-core machine): p99 at ${rate}/s ${f(platform.p99)} ms, target ≤ ${TARGET.p99}: ${mark(platform.p99 <= TARGET.p99)}`,
    );
    console.log(
      `platform: ${arrivedAt.size} of ${total} presses clipped once${extra ? `, ${extra} presses clipped more than once` : ''}` +
        `${duplicates ? `, ${duplicates} clips with a repeated highlight id` : ''}; raw: ${raw.failed} calls failed` +
        `${raw.duplicates ? `, ${raw.duplicates} repeated` : ''}`,
    );
    console.log(`platform legs, p50 / p99 ms: ${legs.map(([name, l]) => `${name} ${l}`).join(' · ')}`);
    console.log('');
    console.log('What each process cost during the platform run (first press to last clip asked for):');
    console.log('');
    console.log(resourceTable(resources, total, 'press', 'presses'));
    console.log('');
    const rr = raw.resources;
    const per = (cpuMs) => f(cpuMs / total, 2);
    const listed = rr.groups.reduce((t, g) => t + g.cpuMs, 0);
    console.log(
      `raw baseline: ${per(rr.machine.busyMs)} CPU ms per press on the machine: ` +
        `sandbox ${per(rr.groups[0].cpuMs)}, subscriber ${per(rr.groups[1].cpuMs)}, ` +
        `Mosquitto ${per(rr.groups[2].cpuMs)}, bench ${per(rr.groups.at(-1).cpuMs)}, ` +
        `the idle platform and infrastructure ${per(rr.groups.slice(3, -1).reduce((t, g) => t + g.cpuMs, 0))}, ` +
        `other processes and interrupts ${per(rr.machine.busyMs - listed)}; ` +
        `machine idle ${f(100 * rr.machine.idleShare)} %`,
    );
  } finally {
    await Promise.allSettled(clients.map((c) => c.endAsync()));
    await Promise.allSettled([
      producer?.disconnect(),
      rabbit?.close(),
      videoDb?.destroy(),
      bridgeDb?.destroy(),
    ]);
    const stopped = await Promise.allSettled(started.map((s) => s.stop()));
    await broker.stop();
    if (profileDir) {
      stopped.forEach((s, i) => {
        if (s.status === 'fulfilled') log(`bench: ${started[i].name} ended with ${JSON.stringify(s.value)}`);
      });
      const profiled = started.filter((s) => s.name !== 'partner-sandbox');
      for (const line of collectProfiles(profileDir, profiled, windows)) log(`bench: cpu profile: ${line}`);
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
