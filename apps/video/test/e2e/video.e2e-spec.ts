import { createHmac, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { Kafka, type Consumer, type Producer } from 'kafkajs';
import { connectAsync, type MqttClient } from 'mqtt';
import Mux from '@mux/mux-node';
import { DataSource } from 'typeorm';
import {
  AccessSessionEndedV1,
  AccessSessionStartedV1,
  IotButtonPressedV1,
  type Envelope,
} from '@sportclub/contracts';
import { AesGcmSealer, sealingKeys } from '@sportclub/service-kit';
import {
  adminDatabaseUrl,
  callAs,
  eventually,
  kafkaCaughtUp,
  localInfraEnv,
  repoRoot,
  startDevicesBroker,
  sandboxAdmin,
  startService,
  userToken,
  type DevicesBroker,
  type RunningService,
} from '@sportclub/testing';

const subjectOf = (token: string): string =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub as string;

interface SandboxStream {
  id: string;
  status: string;
  passthrough?: string;
  stream_key: string;
  latency_mode?: string;
  reconnect_window?: number;
  playback_ids: { id: string; policy: string }[];
}
interface Seen {
  type: string;
  tenantid: string;
  data: Record<string, unknown>;
}

/**
 * video end to end: court sessions (Kafka, as access-gateway publishes them) → a live stream per court
 * camera at the sandbox's Mux API → the stream key on the camera's own MQTT topic; a court panel's button
 * pressed with nothing recording → the panel's answer on its own MQTT topic. The gateway (staff register
 * the cameras and panels), iot-bridge on a private secured Mosquitto, video and the partner sandbox each
 * run as their own process over the real Kafka, RabbitMQ, PostgreSQL and Keycloak.
 */
describe('video, end to end', () => {
  let broker: DevicesBroker;
  let sandbox: RunningService;
  let gateway: RunningService;
  let bridge: RunningService;
  let video: RunningService;
  let producer: Producer;
  let consumer: Consumer;
  const seen: Seen[] = [];
  const clients: MqttClient[] = [];
  let staff: string;
  const tokens: Record<string, string> = {};
  let db: DataSource;

  beforeAll(async () => {
    broker = await startDevicesBroker();
    sandbox = await startService('partner-sandbox', { env: { MUX_ASSET_READY_DELAY_MS: '200' } });
    [gateway, bridge] = await Promise.all([
      startService('access-gateway', {
        env: {
          ACCESS_VENDOR_URL: `${sandbox.url}/access-vendor`,
          RATE_LIMIT_KEY_PREFIX: `test:${randomUUID()}`,
        },
      }),
      startService('iot-bridge', { env: broker.env }),
    ]);
    video = await startService('video', {
      // Clips whose webhook has not ended them are looked up at Mux 3 s after being requested.
      env: {
        MUX_API_URL: sandbox.url,
        MUX_PLAYBACK_URL: `${sandbox.url}/stream`,
        CLIP_CHECK_AFTER_MS: '3000',
      },
    });
    db = await new DataSource({ type: 'postgres', url: adminDatabaseUrl(video.database!) }).initialize();
    await sandboxAdmin(sandbox.url)('PUT', 'webhooks/mux', {
      url: `${video.url}/webhooks/mux`,
      secret: video.env.MUX_WEBHOOK_SECRETS,
    });
    staff = await userToken('bruno@aurora.test');
    for (const user of ['ana@aurora.test', 'gabi@aurora.test', 'carla@aurora.test', 'davi@boreal.test']) {
      tokens[user.split('@')[0]] = await userToken(user);
    }
    const kafka = new Kafka({
      clientId: 'video-e2e',
      brokers: localInfraEnv(repoRoot()).KAFKA_BROKERS.split(','),
    });
    producer = kafka.producer();
    await producer.connect();
    consumer = kafka.consumer({ groupId: `video-e2e-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topics: ['video.stream.v1', 'video.highlight.v1'], fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ message }) => void seen.push(JSON.parse(message.value!.toString()) as Seen),
    });
    // Sessions other suites left on the topic are handled first (their courts have no camera).
    await kafkaCaughtUp('video');
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.endAsync()));
    await Promise.allSettled([consumer?.disconnect(), producer?.disconnect(), db?.destroy()]);
    await Promise.allSettled([video?.stop(), bridge?.stop(), gateway?.stop(), sandbox?.stop()]);
    await broker?.stop();
  });

  /** Staff register a camera for a court; the camera logs in with the password shown once. */
  async function camera(courtId: string): Promise<{ id: string; client: MqttClient; messages: string[] }> {
    const id = `cam-${randomUUID().slice(0, 8)}`;
    const court = await callAs(gateway.url, staff, 'PUT', `/v1/courts/${courtId}`, {
      name: courtId,
      priceCentavos: 0,
    });
    expect(court.status).toBe(200);
    const res = await callAs(gateway.url, staff, 'PUT', `/v1/devices/${id}`, { kind: 'camera', courtId });
    expect(res.status).toBe(201);
    const { credentials } = (await res.json()) as { credentials: { username: string; password: string } };
    // iot-bridge rewrites the broker's password file and signals it: the login works a moment later.
    let client: MqttClient | undefined;
    await eventually(
      async () => {
        client = await connectAsync(broker.url, {
          username: credentials.username,
          password: credentials.password,
          clientId: `${id}-${randomUUID().slice(0, 4)}`,
          reconnectPeriod: 0,
        }).catch(() => undefined);
        return client !== undefined;
      },
      'camera login',
      15_000,
    );
    clients.push(client!);
    const messages: string[] = [];
    client!.on('message', (_topic, payload) => messages.push(payload.toString()));
    await client!.subscribeAsync(`camera/${id}/stream`, { qos: 1 });
    return { id, client: client!, messages };
  }

  async function publish(event: Envelope, times = 1, topic = 'access.session.v1'): Promise<void> {
    const record = {
      key: event.subject,
      value: JSON.stringify(event),
      headers: { ce_id: event.id, ce_type: event.type },
    };
    for (let i = 0; i < times; i++) await producer.send({ topic, messages: [record] });
  }
  const press = (courtId: string, deviceId: string, pressedAt: Date, requestId: string) =>
    IotButtonPressedV1.envelope({
      source: 'iot-bridge',
      tenantId: 'club-aurora',
      subject: deviceId,
      data: { deviceId, courtId, pressedAt: pressedAt.toISOString(), requestId },
    });
  const assets = async () =>
    (await (await fetch(`${sandbox.url}/__admin/mux/assets`)).json()) as {
      id: string;
      status: string;
      passthrough?: string;
      live_stream_id?: string;
      clip?: { source_asset_id: string; start_time: number; end_time: number };
    }[];
  const started = (tenantId: string, courtId: string, sessionId: string, memberId: string, at = new Date()) =>
    AccessSessionStartedV1.envelope({
      source: 'access-gateway',
      tenantId,
      subject: sessionId,
      data: { sessionId, memberId, courtId, startedAt: at.toISOString() },
    });
  const ended = (tenantId: string, courtId: string, sessionId: string, memberId: string) =>
    AccessSessionEndedV1.envelope({
      source: 'access-gateway',
      tenantId,
      subject: sessionId,
      data: { sessionId, memberId, courtId, endedAt: new Date().toISOString(), consumptionCentavos: 0 },
    });
  const streamsOf = async (courtId: string) =>
    ((await (await fetch(`${sandbox.url}/__admin/mux/live-streams`)).json()) as SandboxStream[]).filter(
      (s) => s.passthrough && (JSON.parse(s.passthrough) as { c: string }).c === courtId,
    );
  const events = (type: string, courtId: string) =>
    seen.filter((e) => e.type === type && e.data.courtId === courtId);

  /**
   * A court with a camera whose session (`memberId`'s) began three minutes ago and whose encoder has
   * pushed for two, its recording known to video: a press from then on clips.
   */
  async function recordingCourt(memberId: string) {
    const court = `court-${randomUUID().slice(0, 8)}`;
    const cam = await camera(court);
    const session = `session-${randomUUID().slice(0, 6)}`;
    await publish(started('club-aurora', court, session, memberId, new Date(Date.now() - 180_000)));
    await eventually(async () => cam.messages.length === 1, 'stream key', 30_000);
    const { streamKey } = JSON.parse(cam.messages[0]) as { streamKey: string };
    const recordingStart = Date.now() - 120_000;
    const connected = await fetch(`${sandbox.url}/__admin/mux/encoders/${streamKey}/connect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ at: new Date(recordingStart).toISOString() }),
    });
    expect(connected.status).toBe(200);
    const [stream] = await streamsOf(court);
    // Mux's webhook told video of the recording (its first frame is what clips are measured from).
    await eventually(
      async () =>
        (
          await db.query<{ n: number }[]>(
            'SELECT count(*)::int AS n FROM live_stream WHERE vendor_stream_id = $1 AND recording_asset_id IS NOT NULL',
            [stream.id],
          )
        )[0].n === 1,
      'recording known to video',
      15_000,
    );
    return { court, cam, session, stream, recordingStart };
  }

  /**
   * Posts `body` signed as Mux signs it (HMAC-SHA256 over "<t>.<body>" with video's webhook secret),
   * the signature header sent `copies` times (node:http sends an array value as repeated lines).
   */
  const signedWebhook = (body: string, copies = 1) =>
    new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
      const t = Math.floor(Date.now() / 1000);
      const secret = video.env.MUX_WEBHOOK_SECRETS.split(',')[0];
      const signature = `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
      const headers = {
        'content-type': 'application/json',
        'mux-signature': Array.from({ length: copies }, () => signature),
      };
      const req = request(`${video.url}/webhooks/mux`, { method: 'POST', headers }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text || '{}') }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it("a session starts: the court camera's stream is created with the court and session, and only that camera gets its key; the last session ending completes it", async () => {
    const court = `court-${randomUUID().slice(0, 8)}`;
    const cam = await camera(court);
    const other = await camera(`court-${randomUUID().slice(0, 8)}`);
    // Another camera cannot read this one's topic (the broker's ACL binds topics to the login).
    const stolen: string[] = [];
    other.client.on('message', (topic, payload) => topic.includes(cam.id) && stolen.push(payload.toString()));
    await other.client.subscribeAsync(`camera/${cam.id}/stream`, { qos: 1 });

    const [ana, gabi] = [
      'session-ana-' + randomUUID().slice(0, 6),
      'session-gabi-' + randomUUID().slice(0, 6),
    ];
    await publish(started('club-aurora', court, ana, 'ana'), 2); // a producer retry: the same event twice
    await eventually(async () => cam.messages.length === 1, 'stream key on the camera topic', 30_000);
    const [stream] = await streamsOf(court);
    expect(stream).toMatchObject({ latency_mode: 'low', reconnect_window: 60, status: 'idle' });
    expect(stream.playback_ids.map((p) => p.policy)).toEqual(['signed']);
    expect(JSON.parse(stream.passthrough!)).toMatchObject({ t: 'club-aurora', c: court, x: ana });
    const handed = JSON.parse(cam.messages[0]) as { ingestUrl: string; streamKey: string; streamId: string };
    expect(handed).toEqual({
      ingestUrl: 'rtmps://global-live.mux.com:443/app',
      streamKey: stream.stream_key,
      streamId: expect.any(String),
    });
    await eventually(
      async () => events('video.stream.created.v1', court).length === 1,
      'created event',
      15_000,
    );
    expect(events('video.stream.created.v1', court)[0]).toMatchObject({
      tenantid: 'club-aurora',
      data: {
        streamId: handed.streamId,
        cameraId: cam.id,
        vendor: 'mux',
        vendorStreamId: stream.id,
        sessionId: ana,
      },
    });

    // A second player on the court, then the first leaves: still one stream, still live.
    await publish(started('club-aurora', court, gabi, 'gabi'));
    await publish(ended('club-aurora', court, ana, 'ana'));
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await streamsOf(court)).toHaveLength(1);
    expect(events('video.stream.completed.v1', court)).toEqual([]);

    // The last one leaves: the stream ends at Mux, its key is refused, and the camera's topic is cleared.
    await publish(ended('club-aurora', court, gabi, 'gabi'));
    await eventually(
      async () => events('video.stream.completed.v1', court).length === 1,
      'completed event',
      30_000,
    );
    expect((await streamsOf(court))[0].status).toBe('disabled');
    await eventually(async () => cam.messages.at(-1) === '', 'stream key taken back', 10_000);
    expect(stolen).toEqual([]);
  });

  it("another club's session on a court of the same name never streams this club's camera", async () => {
    const court = `court-${randomUUID().slice(0, 8)}`;
    const cam = await camera(court);
    await publish(started('club-boreal', court, `session-${randomUUID().slice(0, 6)}`, 'davi'));
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await streamsOf(court)).toEqual([]);
    expect(cam.messages).toEqual([]);
  });

  it('Mux down when the session starts: retried with backoff, the stream created once Mux is back', async () => {
    const court = `court-${randomUUID().slice(0, 8)}`;
    const cam = await camera(court);
    const down = await fetch(`${sandbox.url}/__admin/faults/mux`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ down: true }),
    });
    expect(down.status).toBe(200);
    const session = `session-${randomUUID().slice(0, 6)}`;
    await publish(started('club-aurora', court, session, 'ana'));
    await new Promise((r) => setTimeout(r, 4_000));
    expect(await streamsOf(court)).toEqual([]);
    expect(cam.messages).toEqual([]);
    await fetch(`${sandbox.url}/__admin/faults`, { method: 'DELETE' });
    // The first pass's failures opened club-aurora's Mux breaker: it rests 30 s before trying again.
    await eventually(async () => cam.messages.length === 1, 'stream once Mux is back', 90_000);
    expect(await streamsOf(court)).toHaveLength(1);
    await publish(ended('club-aurora', court, session, 'ana'));
    await eventually(
      async () => events('video.stream.completed.v1', court).length === 1,
      'completed',
      30_000,
    );
  });

  it('the court button clips the play: 10 s before the press, 30 s long, once per press and burst; ready → highlight event; only its players and staff play it', async () => {
    const ana = subjectOf(tokens.ana);
    const { court, cam, session, stream, recordingStart } = await recordingCourt(ana);
    const recording = async () => (await assets()).find((a) => !a.clip && a.live_stream_id === stream.id);

    // A press 30 s ago (its clip is already recorded), repeated by the panel (QoS 1), and a burst of
    // presses 2 s later: one clip.
    const pressedAt = new Date(Date.now() - 30_000);
    await publish(press(court, 'panel-1', pressedAt, 'press-1'), 2, 'iot.device.v1');
    await publish(
      press(court, 'panel-1', new Date(pressedAt.getTime() + 2_000), 'press-2'),
      1,
      'iot.device.v1',
    );
    await eventually(
      async () => events('video.highlight.ready.v1', court).length === 1,
      'highlight ready',
      30_000,
    );
    const clips = (await assets()).filter((a) => a.clip && a.passthrough?.includes('"h"'));
    const source = (await recording())!;
    const mine = clips.filter((a) => a.clip!.source_asset_id === source.id);
    expect(mine).toHaveLength(1);
    const expectedStart = (pressedAt.getTime() - recordingStart) / 1000 - 10;
    expect(mine[0].clip!.start_time).toBeCloseTo(expectedStart, 0);
    expect(mine[0].clip!.end_time - mine[0].clip!.start_time).toBeCloseTo(30, 3);
    expect(events('video.highlight.ready.v1', court)[0]).toMatchObject({
      tenantid: 'club-aurora',
      data: { cameraId: cam.id, memberIds: [ana], durationSeconds: 30, pressedAt: pressedAt.toISOString() },
    });

    // Private playback through the gateway: the player on the court and staff, with a signed URL the
    // sandbox plays; another member, another club: 404.
    const highlightId = events('video.highlight.ready.v1', court)[0].data.highlightId as string;
    const asAna = await callAs(gateway.url, tokens.ana, 'GET', `/v1/highlights/${highlightId}`);
    expect(asAna.status).toBe(200);
    const seen = (await asAna.json()) as { status: string; playback: { url: string; expiresAt: string } };
    expect(seen).toMatchObject({ status: 'ready', durationSeconds: 30, memberIds: [ana] });
    expect(seen.playback.url.startsWith(`${sandbox.url}/stream/`)).toBe(true);
    expect((await fetch(seen.playback.url)).status).toBe(200);
    expect((await fetch(seen.playback.url.replace(/token=.*/, 'token=forged'))).status).toBe(403);
    expect((await callAs(gateway.url, staff, 'GET', `/v1/highlights/${highlightId}`)).status).toBe(200);
    for (const other of [tokens.gabi, tokens.davi]) {
      expect((await callAs(gateway.url, other, 'GET', `/v1/highlights/${highlightId}`)).status).toBe(404);
    }
    const listed = (await (await callAs(gateway.url, tokens.ana, 'GET', '/v1/highlights')).json()) as {
      highlightId: string;
      playback?: unknown;
    }[];
    expect(listed.find((h) => h.highlightId === highlightId)).toMatchObject({ status: 'ready' });
    expect(listed.every((h) => h.playback === undefined)).toBe(true);
    // The club's signing key is sealed at rest; a token it signs that has expired does not play.
    const [key] = await db.query<
      { key_id: string; seal_key_id: string; iv: Buffer; ciphertext: Buffer; tag: Buffer }[]
    >(
      "SELECT key_id, seal_key_id, iv, ciphertext, tag FROM club_signing_key WHERE tenant_id = 'club-aurora'",
    );
    expect(key.ciphertext.toString('latin1')).not.toContain('PRIVATE KEY');
    const privateKey = new AesGcmSealer(sealingKeys.parse(video.env.SIGNING_KEYS))
      .open(
        { keyId: key.seal_key_id, iv: key.iv, ciphertext: key.ciphertext, tag: key.tag },
        'video-signing-key/club-aurora',
      )
      .toString();
    const playbackId = new URL(seen.playback.url).pathname.split('/').pop()!.replace('.m3u8', '');
    const expired = await new Mux({ tokenId: 'x', tokenSecret: 'x' }).jwt.signPlaybackId(playbackId, {
      keyId: key.key_id,
      keySecret: privateKey,
      type: 'video',
      expiration: '-60', // seconds: a minute ago
    });
    expect((await fetch(`${sandbox.url}/stream/${playbackId}.m3u8?token=${expired}`)).status).toBe(403);

    // A press on a court with no stream clips nothing: it is refused once (for its panel) and retried by
    // no one.
    const idle = `court-${randomUUID().slice(0, 8)}`;
    await publish(press(idle, 'panel-2', new Date(), 'press-3'), 1, 'iot.device.v1');
    await eventually(
      async () => events('video.highlight.refused.v1', idle).length > 0,
      'press refused',
      15_000,
    );
    await new Promise((r) => setTimeout(r, 1_500));
    expect(events('video.highlight.ready.v1', idle)).toEqual([]);
    expect(events('video.highlight.refused.v1', idle)).toEqual([
      expect.objectContaining({
        tenantid: 'club-aurora',
        data: expect.objectContaining({
          deviceId: 'panel-2',
          requestId: 'press-3',
          courtId: idle,
          code: 'no-recording',
        }),
      }),
    ]);

    // Retention: the club's admin keeps clips a day; a clip older than that is deleted, at Mux too.
    const retention = (token: string, body: unknown) =>
      callAs(gateway.url, token, 'PUT', '/v1/video/clip-retention', body);
    expect((await retention(staff, { clipDays: 1 })).status).toBe(403);
    expect((await retention(tokens.carla, { clipDays: 0 })).status).toBe(400);
    await db.query(`UPDATE highlight SET created_at = now() - interval '2 days' WHERE highlight_id = $1`, [
      highlightId,
    ]);
    const current = (token: string) => callAs(gateway.url, token, 'GET', '/v1/video/clip-retention');
    expect((await current(tokens.ana)).status).toBe(403);
    expect(await (await current(staff)).json()).toEqual({ clipDays: 30 }); // CLIP_RETENTION_DAYS
    const set = await retention(tokens.carla, { clipDays: 1 });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ clipDays: 1 });
    expect(await (await current(staff)).json()).toEqual({ clipDays: 1 });
    const gone = async (assetId: string) =>
      (await assets()).find((a) => a.id === assetId) === undefined ||
      ((await assets()).find((a) => a.id === assetId) as { deleted?: boolean }).deleted === true;
    await eventually(() => gone(mine[0].id), 'old clip deleted at Mux', 30_000);
    expect((await callAs(gateway.url, tokens.ana, 'GET', `/v1/highlights/${highlightId}`)).status).toBe(404);

    // Erasure (LGPD): ana's next clip, hers alone, is deleted when she erases her video data.
    await publish(press(court, 'panel-1', new Date(Date.now() - 15_000), 'press-4'), 1, 'iot.device.v1');
    let second: string | undefined;
    await eventually(async () => {
      second = (await assets()).find((a) => a.clip?.source_asset_id === source.id && a.id !== mine[0].id)?.id;
      return second !== undefined;
    }, 'second clip requested');
    expect((await callAs(gateway.url, staff, 'DELETE', '/v1/video/my-data')).status).toBe(403);
    // A body naming someone else is refused, not read as the caller's own erasure.
    const aimed = await callAs(gateway.url, tokens.ana, 'DELETE', '/v1/video/my-data', { memberId: 'x' });
    expect(aimed.status).toBe(400);
    expect(await aimed.json()).toMatchObject({ problems: [{ field: 'body' }] });
    const erased = await callAs(gateway.url, tokens.ana, 'DELETE', '/v1/video/my-data');
    expect(erased.status).toBe(200);
    expect(await erased.json()).toMatchObject({ erased: { highlights: 1 } });
    await eventually(() => gone(second!), 'erased clip deleted at Mux', 30_000);
    expect(await (await callAs(gateway.url, tokens.ana, 'GET', '/v1/highlights')).json()).toEqual([]);
    await publish(ended('club-aurora', court, session, ana));
  });

  it("a court panel's press with nothing recording on its court is answered on the panel, once per press, in pt-BR", async () => {
    // Staff register a court (no camera) and its panel; the panel logs in with the password shown once.
    const court = `court-${randomUUID().slice(0, 8)}`;
    expect(
      (await callAs(gateway.url, staff, 'PUT', `/v1/courts/${court}`, { name: court, priceCentavos: 0 }))
        .status,
    ).toBe(200);
    const panelId = `panel-${randomUUID().slice(0, 8)}`;
    const res = await callAs(gateway.url, staff, 'PUT', `/v1/devices/${panelId}`, {
      kind: 'court-panel',
      courtId: court,
    });
    expect(res.status).toBe(201);
    const { credentials } = (await res.json()) as { credentials: { username: string; password: string } };
    let panel: MqttClient | undefined;
    await eventually(
      async () => {
        panel = await connectAsync(broker.url, {
          username: credentials.username,
          password: credentials.password,
          clientId: `${panelId}-${randomUUID().slice(0, 4)}`,
          reconnectPeriod: 0,
        }).catch(() => undefined);
        return panel !== undefined;
      },
      'panel login',
      15_000,
    );
    clients.push(panel!);
    const answers: unknown[] = [];
    panel!.on('message', (_topic, payload) => answers.push(JSON.parse(payload.toString())));
    await panel!.subscribeAsync(`panel/${panelId}/response`, { qos: 1 });

    // The panel presses, and repeats the press at once (QoS 1): one answer.
    const pressed = { request_id: `q-${randomUUID()}`, timestamp: new Date().toISOString() };
    const topic = `panel/${panelId}/button/pressed`;
    await panel!.publishAsync(topic, JSON.stringify(pressed), { qos: 1 });
    await panel!.publishAsync(topic, JSON.stringify(pressed), { qos: 1, dup: true });
    const told = {
      requestId: pressed.request_id,
      status: 'denied',
      message: 'Nenhuma gravação nesta quadra',
      color: 'red',
    };
    await eventually(() => answers.length > 0, 'the panel answered', 30_000);
    await new Promise((r) => setTimeout(r, 1_500)); // room for a second answer, were there one
    expect(answers).toEqual([told]);
    // video refused the press once, in the panel's club, and clipped nothing.
    expect(events('video.highlight.refused.v1', court)).toEqual([
      expect.objectContaining({
        tenantid: 'club-aurora',
        data: {
          deviceId: panelId,
          requestId: pressed.request_id,
          courtId: court,
          code: 'no-recording',
          reason: expect.any(String),
        },
      }),
    ]);
    expect(await streamsOf(court)).toEqual([]);

    // The panel asks again later: the same answer, once more; video is not asked again.
    await panel!.publishAsync(topic, JSON.stringify(pressed), { qos: 1 });
    await eventually(() => answers.length === 2, 'the repeat answered', 15_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(answers).toEqual([told, told]);
    expect(events('video.highlight.refused.v1', court)).toHaveLength(1);
  });

  it('a webhook with a bad signature is refused with 400 and changes nothing', async () => {
    const id = randomUUID();
    const body = JSON.stringify({
      type: 'video.asset.ready',
      id,
      data: { id: 'x', passthrough: '{"h":"y"}' },
    });
    const forged = await fetch(`${video.url}/webhooks/mux`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'mux-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`,
      },
      body,
    });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ error: 'invalid_signature', field: 'mux-signature' });
    const unsigned = await fetch(`${video.url}/webhooks/mux`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(unsigned.status).toBe(400);
    // Signed, but not an event: 400 naming what is wrong. The signature header twice: 400 (which copy
    // would be the one checked?).
    const notEvents: [string, string][] = [
      ['[1,2]', 'id'],
      [JSON.stringify({ type: 'video.asset.ready', data: {} }), 'id'],
      [JSON.stringify({ id, type: 'video.asset.ready', data: [] }), 'data'],
      ['"text"', '(body)'], // refused by the JSON parser before the signature is read
    ];
    for (const [bad, field] of notEvents) {
      expect(await signedWebhook(bad)).toEqual({
        status: 400,
        json: expect.objectContaining({ field }),
      });
    }
    expect(await signedWebhook(body, 2)).toEqual({
      status: 400,
      json: expect.objectContaining({ field: 'mux-signature' }),
    });
    expect(await db.query('SELECT 1 FROM vendor_webhook WHERE event_id = $1', [id])).toEqual([]);

    // Another system's clip in the same Mux environment (its passthrough names no highlight of ours),
    // its error text carrying a NUL (`\u0000`, which PostgreSQL cannot hold): kept, settled at once, never
    // retried.
    const foreign = randomUUID();
    const asset = {
      id: 'asset-x',
      status: 'errored',
      passthrough: '{"h":"not-one-of-ours"}',
      errors: { messages: ['bad\u0000input'] },
    };
    expect(
      (await signedWebhook(JSON.stringify({ type: 'video.asset.errored', id: foreign, data: asset }))).status,
    ).toBe(200);
    const row = async () =>
      (
        await db.query<{ processed: boolean; attempts: number; error: string | null }[]>(
          'SELECT processed_at IS NOT NULL AS processed, attempts, error FROM vendor_webhook WHERE event_id = $1',
          [foreign],
        )
      )[0];
    await eventually(async () => (await row())?.processed === true, 'foreign webhook settled', 10_000);
    expect(await row()).toEqual({ processed: true, attempts: 0, error: null });
  });

  it("a clip whose ready webhook never reaches video (it was down through Mux's retries) is found ready by asking Mux: one highlight event", async () => {
    const gabi = subjectOf(tokens.gabi);
    const { court, session, stream } = await recordingCourt(gabi);
    const admin = sandboxAdmin(sandbox.url);
    await admin('PUT', 'webhooks/mux', {
      url: 'http://127.0.0.1:9/webhooks/mux', // nothing listens: every delivery fails
      secret: video.env.MUX_WEBHOOK_SECRETS,
    });
    try {
      await publish(press(court, 'panel-9', new Date(Date.now() - 30_000), 'press-9'), 1, 'iot.device.v1');
      const recording = (await assets()).find((a) => !a.clip && a.live_stream_id === stream.id)!;
      await eventually(
        async () =>
          (await assets()).some((a) => a.clip?.source_asset_id === recording.id && a.status === 'ready'),
        'clip ready at Mux',
        30_000,
      );
    } finally {
      await admin('PUT', 'webhooks/mux', {
        url: `${video.url}/webhooks/mux`,
        secret: video.env.MUX_WEBHOOK_SECRETS,
      });
    }
    await eventually(
      async () => events('video.highlight.ready.v1', court).length === 1,
      'highlight ready without its webhook',
      30_000,
    );
    await new Promise((r) => setTimeout(r, 1_500)); // room for a second event, were there one
    expect(events('video.highlight.ready.v1', court)).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ memberIds: [gabi], durationSeconds: 30 }) }),
    ]);
    await publish(ended('club-aurora', court, session, gabi));
  });
});
