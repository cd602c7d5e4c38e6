// The raw baseline of the video suite, measured in the same run: a button press → a clip asked of Mux,
// without the platform. The bench's process publishes each press (QoS 1, the panel's JSON) on the
// machine's anonymous Mosquitto (MQTT_URL), one connection per court as the panels have; a plain
// subscriber in another process (QoS 1, mqtt.js's default handling) takes each message and calls
// `mux.video.assets.create` with the official `@mux/mux-node` against the partner sandbox, cutting the
// same window (10 s before the press, 30 s long) from its court's live recording. No device registry,
// broker logins, database, outbox, Kafka, inbox, debounce or local step: what the platform adds to get
// a press to the vendor durably and once is the gap between the two. Latency is measured as on the
// platform's side: the clip's `received_at_ms` at the sandbox minus the moment just before the publish.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { paced, percentile } from './stats.mjs';

const require = createRequire(import.meta.url);
const { connectAsync } = require('mqtt');
const Mux = require('@mux/mux-node').default;

/** The Mux access token the sandbox accepts (deploy/services.json's, as video uses it). */
const MUX_TOKEN = {
  tokenId: '5a4db0c5-0000-4000-8000-00000000de01',
  tokenSecret: 'sandbox-mux-token-secret-dev-only',
};
const LEAD_MS = 10_000;
const CLIP_SECONDS = 30;

/** The subscriber process: every press on `<prefix>/<court>/button/pressed` → one clip at Mux. */
async function subscriberProcess({ mqttUrl, prefix, sandboxUrl, sources }) {
  const mux = new Mux({ ...MUX_TOKEN, baseURL: sandboxUrl, maxRetries: 0, timeout: 10_000 });
  const client = await connectAsync(mqttUrl, { clientId: `bench-raw-video-${randomUUID().slice(0, 8)}` });
  let done = 0;
  let failed = 0;
  client.on('message', (topic, payload) => {
    const court = topic.split('/')[1];
    const { request_id: requestId, timestamp } = JSON.parse(payload.toString());
    const source = sources[court];
    const start = Math.max(0, Date.parse(timestamp) - source.recordingStartMs - LEAD_MS) / 1000;
    mux.video.assets
      .create({
        inputs: [
          { url: `mux://assets/${source.assetId}`, start_time: start, end_time: start + CLIP_SECONDS },
        ],
        playback_policies: ['signed'],
        passthrough: JSON.stringify({ p: requestId }),
      })
      .then(() => done++)
      .catch((error) => {
        failed++;
        process.stderr.write(`raw subscriber: ${requestId}: ${error.message}\n`);
      });
  });
  await client.subscribeAsync(`${prefix}/+/button/pressed`, { qos: 1 });
  // The bench asks how many calls have ended (instead of polling the sandbox during a run).
  process.on('message', () => process.send({ done, failed }));
  process.send({ ready: true });
}

if (process.argv[2] === '--raw-video-subscriber') {
  subscriberProcess(JSON.parse(process.argv[3])).catch((error) => {
    process.stderr.write(`raw video subscriber failed: ${error.stack}\n`);
    process.exit(1);
  });
}

/**
 * Clip assets at the sandbox by a passthrough field (`h` for the platform's highlight ids, `p` for the
 * raw press ids): value → `received_at_ms`, the sandbox's clock (the machine's, as the bench's) when
 * the create request arrived. Read once after a run: nothing polls the sandbox during it.
 */
export async function clipArrivals(sandboxUrl, field) {
  const res = await fetch(`${sandboxUrl}/__admin/mux/assets`);
  if (!res.ok) throw new Error(`sandbox assets: ${res.status} ${await res.text()}`);
  const arrivals = new Map();
  let duplicates = 0;
  for (const a of await res.json()) {
    if (!a.clip || !a.passthrough) continue;
    const value = JSON.parse(a.passthrough)[field];
    if (value === undefined) continue;
    if (arrivals.has(value)) duplicates++;
    else arrivals.set(value, a.received_at_ms);
  }
  return { arrivals, duplicates };
}

/**
 * `courts` live streams at the sandbox (created with the SDK, their encoders connected through the admin
 * API from `recordingStartMs`), then `warmup` presses (not measured) and `count` presses at `rate`/s,
 * press i on court i mod courts, published from the bench and clipped by the subscriber process.
 * `probe(subscriber)` (→ { stop(): Promise<resources> }) measures from the first press to the last clip
 * asked for. Resolves with { count, lost, perSecond, p50, p90, p99, max, duplicates, failed, resources }.
 */
export async function measureRawVideo({ sandboxUrl, mqttUrl, courts, count, rate, warmup, probe, log }) {
  const mux = new Mux({ ...MUX_TOKEN, baseURL: sandboxUrl, maxRetries: 0, timeout: 10_000 });
  const run = randomUUID().slice(0, 8);
  const prefix = `bench-raw-${run}`;
  const recordingStartMs = Date.now() - 120_000;
  const names = Array.from({ length: courts }, (_, k) => `raw-${run}-${k}`);
  const sources = {};
  for (const court of names) {
    const stream = await mux.video.liveStreams.create({
      playback_policies: ['signed'],
      new_asset_settings: { playback_policies: ['signed'] },
      passthrough: court,
    });
    const res = await fetch(`${sandboxUrl}/__admin/mux/encoders/${stream.stream_key}/connect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ at: new Date(recordingStartMs).toISOString() }),
    });
    if (!res.ok) throw new Error(`raw encoder connect: ${res.status} ${await res.text()}`);
    sources[court] = { assetId: (await res.json()).active_asset_id, recordingStartMs };
  }
  const subscriber = fork(
    fileURLToPath(import.meta.url),
    ['--raw-video-subscriber', JSON.stringify({ mqttUrl, prefix, sandboxUrl, sources })],
    { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
  );
  const panels = [];
  try {
    await new Promise((resolve, reject) => {
      subscriber.once('message', resolve);
      subscriber.once('exit', (code) => reject(new Error(`raw video subscriber exited with ${code}`)));
    });
    for (const court of names) {
      panels.push(await connectAsync(mqttUrl, { clientId: `bench-raw-panel-${court}`, reconnectPeriod: 0 }));
    }
    const press = (i, id) =>
      panels[i % courts].publishAsync(
        `${prefix}/${names[i % courts]}/button/pressed`,
        JSON.stringify({ request_id: id, timestamp: new Date().toISOString() }),
        { qos: 1 },
      );
    const calls = () =>
      new Promise((resolve) => {
        subscriber.once('message', resolve);
        subscriber.send('calls?');
      });
    /** Until the subscriber's calls for `n` presses in all have ended (at most a minute). */
    const settle = async (n) => {
      for (
        const deadline = Date.now() + 60_000;
        Date.now() < deadline;
        await new Promise((r) => setTimeout(r, 100))
      ) {
        const { done, failed } = await calls();
        if (done + failed >= n) return;
      }
    };
    const warm = Array.from({ length: warmup }, (_, i) => `${prefix}-w${i}`);
    log(`bench: raw baseline: warming up with ${warmup} presses, then ${count} at ${rate}/s ...`);
    await paced(warmup, warmup, rate, (i) => press(i, warm[i]));
    await settle(warmup);
    await new Promise((r) => setTimeout(r, 1_000));

    const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
    const sentAt = new Map();
    const probing = probe?.(subscriber);
    const first = Date.now();
    await paced(count, count, rate, async (i) => {
      sentAt.set(ids[i], Date.now());
      await press(i, ids[i]);
    });
    await settle(warmup + count);
    const resources = await probing?.stop();
    const { arrivals, duplicates } = await clipArrivals(sandboxUrl, 'p');
    const { failed } = await calls();
    const latencies = ids
      .filter((id) => arrivals.has(id))
      .map((id) => arrivals.get(id) - sentAt.get(id))
      .sort((a, b) => a - b);
    const last = Math.max(...ids.filter((id) => arrivals.has(id)).map((id) => arrivals.get(id)));
    return {
      count,
      lost: count - latencies.length,
      perSecond: (latencies.length * 1000) / (last - first),
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: latencies.at(-1),
      duplicates,
      failed,
      resources,
    };
  } finally {
    await Promise.allSettled(panels.map((p) => p.endAsync()));
    subscriber.kill('SIGKILL');
  }
}
