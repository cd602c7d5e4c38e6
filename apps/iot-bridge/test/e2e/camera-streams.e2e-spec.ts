import { randomUUID } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import type { Envelope } from '@sportclub/contracts';
import {
  adminDatabaseUrl,
  callAs,
  eventually,
  startDevicesBroker,
  startService,
  userToken,
  type DevicesBroker,
  type RunningService,
} from '@sportclub/testing';

import { registryClient } from '../support/registry-client';

/**
 * Court cameras (issue 14): staff register one through the booted gateway, the video service hands its
 * encoder a live stream through the booted iot-bridge (set-camera-stream over RabbitMQ), and the
 * private secured Mosquitto delivers it to that camera's login only — retained, so an encoder that
 * connects later still gets it.
 */
describe('camera streams: gateway → iot-bridge → the camera’s own topic (booted services, real Mosquitto)', () => {
  let broker: DevicesBroker;
  let bridge: RunningService;
  let gateway: RunningService;
  let db: DataSource;
  let registry: Awaited<ReturnType<typeof registryClient>>;
  let staff: string;
  const clients: MqttClient[] = [];
  const court = `court-cam-${randomUUID().slice(0, 6)}`;
  const stream = {
    ingestUrl: 'rtmps://global-live.mux.com:443/app',
    streamKey: `sk-${randomUUID()}`,
    streamId: `ls-${randomUUID().slice(0, 8)}`,
  };

  beforeAll(async () => {
    broker = await startDevicesBroker();
    bridge = await startService('iot-bridge', { env: broker.env });
    gateway = await startService('access-gateway', {
      env: { RATE_LIMIT_KEY_PREFIX: `test:${randomUUID()}` },
    });
    db = await new DataSource({ type: 'postgres', url: adminDatabaseUrl(bridge.database!) }).initialize();
    registry = await registryClient();
    staff = await userToken('bruno@aurora.test');
    const created = await callAs(gateway.url, staff, 'PUT', `/v1/courts/${court}`, {
      name: 'Quadra Câmera',
      priceCentavos: 2_500,
    });
    expect(created.status).toBe(200);
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.endAsync()));
    await Promise.allSettled([registry?.close(), db?.destroy()]);
    await Promise.allSettled([gateway?.stop(), bridge?.stop()]);
    await broker?.stop();
  });

  /** A login to the device broker, with what it receives: topic, payload text, retained or live. */
  const login = async (username: string, password: string) => {
    const client = await connectAsync(broker.url, {
      username,
      password,
      clientId: `${username}-${randomUUID().slice(0, 6)}`,
      reconnectPeriod: 0,
    });
    clients.push(client);
    const received: { topic: string; payload: string; retain: boolean }[] = [];
    client.on('message', (topic, payload, packet) =>
      received.push({ topic, payload: payload.toString(), retain: packet.retain }),
    );
    return { client, received };
  };

  /** A camera at the court, registered by staff through the gateway, with the password shown once. */
  const registerCamera = async () => {
    const deviceId = `cam-${randomUUID().slice(0, 8)}`;
    const res = await callAs(gateway.url, staff, 'PUT', `/v1/devices/${deviceId}`, {
      kind: 'camera',
      courtId: court,
    });
    const body = (await res.json()) as { credentials: { password: string } };
    expect({ status: res.status, body }).toMatchObject({
      status: 201,
      body: { deviceId, kind: 'camera', courtId: court, enabled: true, credentials: { username: deviceId } },
    });
    return { deviceId, password: body.credentials.password };
  };
  const streamTopic = (cameraId: string) => `camera/${cameraId}/stream`;
  const settle = () => new Promise((r) => setTimeout(r, 500)); // room for anything that would leak

  it('hands the stream to the camera, retained for an encoder that connects later, and takes it back', async () => {
    const camera = await registerCamera();
    // The video service finds the court's enabled cameras; a gateway still on v1 never sees a camera.
    const cameras = await registry.list('club-aurora', { kind: 'camera', courtId: court, enabled: true });
    expect(cameras.map((d) => d.deviceId)).toEqual([camera.deviceId]);
    expect((await registry.listV1('club-aurora')).map((d) => d.deviceId)).not.toContain(camera.deviceId);

    expect(await registry.setCameraStream('club-aurora', camera.deviceId, stream)).toBe('sent');
    // Another club's command is answered as for an id that does not exist, and changes nothing.
    const foreign = { ...stream, streamKey: 'sk-from-boreal' };
    expect(await registry.setCameraStream('club-boreal', camera.deviceId, foreign)).toBe('unknown-device');

    // The encoder connects after the command: the broker kept the stream for it.
    const encoder = await login(camera.deviceId, camera.password);
    await encoder.client.subscribeAsync(streamTopic(camera.deviceId), { qos: 1 });
    await eventually(() => encoder.received.length > 0, 'the retained stream');
    expect(encoder.received).toEqual([
      { topic: streamTopic(camera.deviceId), payload: JSON.stringify(stream), retain: true },
    ]);

    // It reports its status like a tablet: in v2 only, since v1 knows no camera.
    await encoder.client.publishAsync(
      `camera/${camera.deviceId}/status`,
      JSON.stringify({ status: 'online', timestamp: new Date().toISOString() }),
      { qos: 1 },
    );
    const statusEvents = async () =>
      (
        await db.query(
          `SELECT envelope FROM outbox WHERE envelope->>'subject' = $1 AND envelope->>'type' LIKE 'iot.%' ORDER BY id`,
          [camera.deviceId],
        )
      ).map((r: { envelope: Envelope<{ kind: string; status: string }> }) => [
        r.envelope.type,
        r.envelope.data.kind,
        r.envelope.data.status,
      ]);
    await eventually(async () => (await statusEvents()).length > 0, 'the camera’s status event');
    expect(await statusEvents()).toEqual([['iot.device.status-changed.v2', 'camera', 'online']]);

    // The session is over: the live encoder is told (an empty payload), a later one finds nothing.
    expect(await registry.setCameraStream('club-aurora', camera.deviceId, null)).toBe('sent');
    await eventually(() => encoder.received.length === 2, 'the stream cleared');
    expect(encoder.received[1]).toMatchObject({ payload: '' });
    const later = await login(camera.deviceId, camera.password);
    await later.client.subscribeAsync(streamTopic(camera.deviceId), { qos: 1 });
    await settle();
    expect(later.received).toEqual([]);

    expect(bridge.output()).toContain(`camera ${camera.deviceId}: stream ${stream.streamId} handed over`);
    expect(bridge.output()).not.toContain(stream.streamKey);
  });

  it("lets no other login read a camera's stream or put one there: not a panel, not another camera", async () => {
    const camera = await registerCamera();
    const otherCamera = await registerCamera();
    const panelId = `panel-${randomUUID().slice(0, 8)}`;
    const panel = await registry.register('club-aurora', {
      deviceId: panelId,
      kind: 'court-panel',
      courtId: court,
    });
    const eavesdroppers = [
      await login(otherCamera.deviceId, otherCamera.password),
      await login(panelId, panel.password!),
    ];
    const filters = ['#', 'camera/#', 'camera/+/stream', streamTopic(camera.deviceId)];
    for (const { client } of eavesdroppers) {
      for (const filter of filters) await client.subscribeAsync(filter, { qos: 1 }).catch(() => undefined);
    }
    const encoder = await login(camera.deviceId, camera.password);
    await encoder.client.subscribeAsync(streamTopic(camera.deviceId), { qos: 1 });

    expect(await registry.setCameraStream('club-aurora', camera.deviceId, stream)).toBe('sent');
    await eventually(() => encoder.received.length === 1, 'the camera’s stream');
    // Subscribing again would hand them the retained copy, if they could read it.
    for (const { client } of eavesdroppers) {
      await client.subscribeAsync(streamTopic(camera.deviceId), { qos: 1 }).catch(() => undefined);
    }
    // Only the bridge writes a stream: not another device, not the camera itself.
    const fake = JSON.stringify({ ...stream, ingestUrl: 'rtmp://attacker.example/app' });
    for (const { client } of [...eavesdroppers, encoder]) {
      await client.publishAsync(streamTopic(camera.deviceId), fake, { qos: 1, retain: true });
    }
    await settle();

    for (const { received } of eavesdroppers) expect(received).toEqual([]);
    expect(encoder.received.map((m) => m.payload)).toEqual([JSON.stringify(stream)]);
    const later = await login(camera.deviceId, camera.password);
    await later.client.subscribeAsync(streamTopic(camera.deviceId), { qos: 1 });
    await eventually(() => later.received.length > 0, 'the retained stream, still the bridge’s');
    expect(later.received.map((m) => m.payload)).toEqual([JSON.stringify(stream)]);
  });
});
