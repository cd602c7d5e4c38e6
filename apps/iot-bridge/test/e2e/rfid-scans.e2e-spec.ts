import { randomUUID } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import {
  AccessCheckinCompletedV1,
  AccessRfidScanRefusedV1,
  AccessRfidScanRefusedV2,
  type Envelope,
} from '@sportclub/contracts';
import { KafkaConnection } from '@sportclub/messaging';
import {
  adminDatabaseUrl,
  eventually,
  localInfraEnv,
  repoRoot,
  startService,
  type RunningService,
  startDevicesBroker,
  type DevicesBroker,
} from '@sportclub/testing';

import { registryClient } from '../support/registry-client';

interface Answer {
  scanId: string | null;
  status: string;
  message: string;
  color: string;
}

/**
 * RFID scans and device messages through the booted iot-bridge, a private secured Mosquitto and the
 * real brokers. No gateway runs here: outcomes are published to Kafka by the test, and scans nobody
 * answers meet the bridge's deadline.
 */
describe('RFID scans and device events (booted iot-bridge, real Mosquitto and brokers)', () => {
  let broker: DevicesBroker;
  let bridge: RunningService;
  let db: DataSource;
  let kafka: KafkaConnection;
  let registry: Awaited<ReturnType<typeof registryClient>>;
  const clients: MqttClient[] = [];
  const tenant = 'club-aurora';

  beforeAll(async () => {
    broker = await startDevicesBroker();
    bridge = await startService('iot-bridge', { env: { ...broker.env, RFID_ANSWER_DEADLINE_MS: '2000' } });
    db = await new DataSource({ type: 'postgres', url: adminDatabaseUrl(bridge.database!) }).initialize();
    kafka = new KafkaConnection({
      brokers: localInfraEnv(repoRoot()).KAFKA_BROKERS.split(','),
      clientId: 'iot-e2e',
    });
    registry = await registryClient();
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.endAsync()));
    await Promise.allSettled([registry?.close(), kafka?.close(), db?.destroy()]);
    await bridge?.stop();
    await broker?.stop();
  });

  /** A registered reader, logged in and listening on its response topic. */
  async function reader(courtId = 'court-1') {
    const deviceId = `reader-${randomUUID().slice(0, 8)}`;
    const { password } = await registry.register(tenant, { deviceId, kind: 'rfid-reader', courtId });
    const client = await connectAsync(broker.url, {
      username: deviceId,
      password,
      clientId: deviceId,
      reconnectPeriod: 0,
    });
    clients.push(client);
    const answers: Answer[] = [];
    await client.subscribeAsync(`rfid/${deviceId}/response`, { qos: 1 });
    client.on('message', (_topic, payload) => answers.push(JSON.parse(payload.toString())));
    const scan = (scanId: string, options: { dup?: boolean; card?: string } = {}) =>
      client.publishAsync(
        `rfid/${deviceId}/scan`,
        JSON.stringify({
          scan_id: scanId,
          card_id: options.card ?? '04a2b3c4d5',
          timestamp: new Date().toISOString(),
        }),
        { qos: 1, dup: options.dup },
      );
    return { deviceId, password: password!, client, answers, scan };
  }
  const scanEvents = (readerId: string): Promise<{ envelope: Envelope<{ scanId: string }> }[]> =>
    db.query(
      `SELECT envelope FROM outbox WHERE envelope->>'type' = 'iot.rfid.scanned.v1' AND envelope->>'subject' = $1`,
      [readerId],
    );
  const answerFor = async (answers: Answer[], scanId: string, message?: string) => {
    await eventually(
      () => answers.some((a) => a.scanId === scanId && (!message || a.message === message)),
      `answer to ${scanId}`,
      15_000,
    );
    return answers.filter((a) => a.scanId === scanId);
  };

  it('announces a scan once however often QoS 1 delivers it, with a correlation id kept for its answer', async () => {
    const r = await reader();
    const scanId = `scan-${randomUUID()}`;
    await r.scan(scanId);
    await r.scan(scanId, { dup: true }); // the reader's retransmission, flagged as such
    // The reader reconnects (new session) and repeats the scan it never saw answered.
    await r.client.endAsync();
    const again = await connectAsync(broker.url, {
      username: r.deviceId,
      password: r.password,
      reconnectPeriod: 0,
    });
    clients.push(again);
    await again.publishAsync(
      `rfid/${r.deviceId}/scan`,
      JSON.stringify({ scan_id: scanId, card_id: '04A2B3C4D5', timestamp: new Date().toISOString() }),
      { qos: 1 },
    );
    const other = `scan-${randomUUID()}`;
    await again.publishAsync(
      `rfid/${r.deviceId}/scan`,
      JSON.stringify({ scan_id: other, card_id: '04A2B3C4D5', timestamp: new Date().toISOString() }),
      { qos: 1 },
    );
    await eventually(async () => (await scanEvents(r.deviceId)).length >= 2, 'both scans announced');
    const events = (await scanEvents(r.deviceId)).map((e) => e.envelope);
    expect(events.map((e) => e.data.scanId).sort()).toEqual([scanId, other].sort());
    const event = events.find((e) => e.data.scanId === scanId)!;
    expect(event).toMatchObject({
      tenantid: tenant,
      subject: r.deviceId,
      data: { readerId: r.deviceId, scanId, cardId: '04A2B3C4D5', courtId: 'court-1' },
    });
    const [row] = await db.query(
      `SELECT correlation_id::text AS c FROM rfid_scan WHERE reader_id = $1 AND scan_id = $2`,
      [r.deviceId, scanId],
    );
    expect(event.correlationid).toBe(row.c);
    expect(events.find((e) => e.data.scanId === other)!.correlationid).not.toBe(row.c);
  });

  it('answers each scan on the reader’s response topic: the gateway’s refusal, then a deadline “try again”', async () => {
    const r = await reader();
    const refusedScan = `scan-${randomUUID()}`;
    await r.scan(refusedScan);
    await eventually(async () => (await scanEvents(r.deviceId)).length === 1, 'scan announced');
    const [{ envelope: scanned }] = await scanEvents(r.deviceId);
    const refusal = AccessRfidScanRefusedV1.envelope({
      source: 'access-gateway',
      tenantId: tenant,
      subject: r.deviceId,
      correlationId: scanned.correlationid,
      data: {
        readerId: r.deviceId,
        scanId: refusedScan,
        cardId: '04A2B3C4D5',
        courtId: 'court-1',
        code: 'unknown-card',
        reason: 'no such card',
      },
    });
    await kafka.publish('access.checkin.v1', [{ key: refusal.subject, value: JSON.stringify(refusal) }]);
    expect(await answerFor(r.answers, refusedScan)).toEqual([
      { scanId: refusedScan, status: 'denied', message: 'Cartão não cadastrado', color: 'red' },
    ]);

    // Nobody answers this one: after the deadline (2 s here) the door says to try again; a late
    // outcome still reaches the door, since the member may be standing there.
    const lateScan = `scan-${randomUUID()}`;
    const sent = Date.now();
    await r.scan(lateScan);
    const [timeout] = await answerFor(r.answers, lateScan);
    expect(timeout).toEqual({
      scanId: lateScan,
      status: 'denied',
      message: 'Sem resposta, tente novamente',
      color: 'yellow',
    });
    expect(Date.now() - sent).toBeGreaterThanOrEqual(1_900);
    const [, { envelope: late }] = await scanEvents(r.deviceId).then((rows) =>
      rows.sort((a) => (a.envelope.data.scanId === lateScan ? 1 : -1)),
    );
    const completed = AccessCheckinCompletedV1.envelope({
      source: 'access-gateway',
      tenantId: tenant,
      subject: randomUUID(),
      correlationId: late.correlationid,
      data: {
        checkInId: randomUUID(),
        memberId: 'member-1',
        courtId: 'court-1',
        sessionId: 'ses_1',
        chargedCentavos: 0,
      },
    });
    await kafka.publish('access.checkin.v1', [{ key: completed.subject, value: JSON.stringify(completed) }]);
    expect((await answerFor(r.answers, lateScan, 'Acesso liberado')).map((a) => a.color)).toEqual([
      'yellow',
      'green',
    ]);
  });

  it("answers the gateway's newer refusals (v2) with their own pt-BR messages: a suspended member, a scan too old", async () => {
    const r = await reader();
    const suspended = `scan-${randomUUID()}`;
    const stale = `scan-${randomUUID()}`;
    await r.scan(suspended);
    await r.scan(stale);
    await eventually(async () => (await scanEvents(r.deviceId)).length === 2, 'both scans announced');
    for (const { envelope } of await scanEvents(r.deviceId)) {
      const code = envelope.data.scanId === suspended ? 'member-suspended' : 'device-request-expired';
      const refusal = AccessRfidScanRefusedV2.envelope({
        source: 'access-gateway',
        tenantId: tenant,
        subject: r.deviceId,
        correlationId: envelope.correlationid,
        data: {
          readerId: r.deviceId,
          scanId: envelope.data.scanId,
          cardId: '04A2B3C4D5',
          courtId: 'court-1',
          code,
          reason: code,
        },
      });
      await kafka.publish('access.checkin.v1', [{ key: refusal.subject, value: JSON.stringify(refusal) }]);
    }
    expect(await answerFor(r.answers, suspended)).toEqual([
      { scanId: suspended, status: 'denied', message: 'Acesso negado: sócio suspenso', color: 'red' },
    ]);
    expect(await answerFor(r.answers, stale)).toEqual([
      { scanId: stale, status: 'denied', message: 'Leitura expirada, tente novamente', color: 'yellow' },
    ]);
  });

  it('denies a scan it cannot read with a clear message, logs why, and goes on', async () => {
    const r = await reader();
    await r.client.publishAsync(`rfid/${r.deviceId}/scan`, 'not json', { qos: 1 });
    await r.client.publishAsync(
      `rfid/${r.deviceId}/scan`,
      JSON.stringify({ scan_id: 'bad-card', card_id: 'ZZ', timestamp: new Date().toISOString() }),
      { qos: 1 },
    );
    const good = `scan-${randomUUID()}`;
    await r.scan(good);
    await eventually(() => r.answers.length >= 2, 'two denials');
    expect(r.answers.slice(0, 2)).toEqual([
      { scanId: null, status: 'denied', message: 'Leitura inválida, tente novamente', color: 'red' },
      { scanId: 'bad-card', status: 'denied', message: 'Leitura inválida, tente novamente', color: 'red' },
    ]);
    await eventually(
      async () => (await scanEvents(r.deviceId)).length === 1,
      'the good scan still announced',
    );
    expect(bridge.output()).toMatch(/invalid scan denied, card_id: a hexadecimal card UID/);
    expect(bridge.process.exitCode).toBeNull();
  });

  it('turns court panel and tablet messages into device events, refusing what does not validate', async () => {
    const panelId = `panel-${randomUUID().slice(0, 8)}`;
    const tabletId = `tablet-${randomUUID().slice(0, 8)}`;
    const panelLogin = await registry.register(tenant, {
      deviceId: panelId,
      kind: 'court-panel',
      courtId: 'court-3',
    });
    const tabletLogin = await registry.register(tenant, { deviceId: tabletId, kind: 'tablet' });
    const panel = await connectAsync(broker.url, {
      username: panelId,
      password: panelLogin.password,
      reconnectPeriod: 0,
    });
    const tablet = await connectAsync(broker.url, {
      username: tabletId,
      password: tabletLogin.password,
      reconnectPeriod: 0,
    });
    clients.push(panel, tablet);
    const denials: unknown[] = [];
    panel.on('message', (_topic, payload) => denials.push(JSON.parse(payload.toString())));
    await panel.subscribeAsync(`panel/${panelId}/response`, { qos: 1 });
    const at = new Date().toISOString();
    const send = (client: MqttClient, topic: string, body: unknown) =>
      client.publishAsync(topic, JSON.stringify(body), { qos: 1 });
    // The panel is its login: the firmware's device_id may repeat it, and the court is the registry's.
    const ask = (requestId: string, body: object) => ({ request_id: requestId, timestamp: at, ...body });
    await send(panel, `panel/${panelId}/checkin`, ask('q-1', { device_id: panelId, user_id: 'member-7' }));
    await send(panel, `panel/${panelId}/checkin`, ask('q-2', {})); // no member: denied
    await send(panel, `panel/${panelId}/checkout`, ask('q-3', { user_id: 'member-7' }));
    await send(panel, `panel/${panelId}/button/pressed`, ask('q-4', {}));
    await send(tablet, `tablet/${tabletId}/status`, { status: 'online', battery: 80, timestamp: at });
    await send(tablet, `tablet/${tabletId}/status`, { status: 'online', battery: 79, timestamp: at }); // unchanged
    await send(tablet, `tablet/${tabletId}/status`, { status: 'error', timestamp: at });

    const events = async () =>
      (
        await db.query(
          `SELECT envelope FROM outbox WHERE envelope->>'subject' IN ($1, $2) AND envelope->>'type' LIKE 'iot.%' ORDER BY id`,
          [panelId, tabletId],
        )
      ).map((r: { envelope: Envelope }) => [r.envelope.type, r.envelope.data]);
    await eventually(async () => (await events()).length >= 7, 'device events written');
    const online = {
      deviceId: tabletId,
      kind: 'tablet',
      status: 'online',
      batteryPercent: 80,
      reportedAt: at,
    };
    const error = {
      deviceId: tabletId,
      kind: 'tablet',
      status: 'error',
      previousStatus: 'online',
      reportedAt: at,
    };
    expect(await events()).toEqual([
      [
        'iot.court.checkin-requested.v1',
        { deviceId: panelId, courtId: 'court-3', memberId: 'member-7', requestedAt: at, requestId: 'q-1' },
      ],
      [
        'iot.court.checkout-requested.v1',
        { deviceId: panelId, courtId: 'court-3', memberId: 'member-7', requestedAt: at, requestId: 'q-3' },
      ],
      ['iot.button.pressed.v1', { deviceId: panelId, courtId: 'court-3', pressedAt: at, requestId: 'q-4' }],
      // Each status change in v2, and in v1 beside it (a tablet is a kind v1 knows).
      ['iot.device.status-changed.v1', online],
      ['iot.device.status-changed.v2', online],
      ['iot.device.status-changed.v1', error],
      ['iot.device.status-changed.v2', error],
    ]);
    expect(bridge.output()).toMatch(/panel\/[\w-]+\/checkin: invalid request denied, user_id/);
    expect(denials).toEqual([
      { requestId: 'q-2', status: 'denied', message: 'Pedido inválido, tente novamente', color: 'red' },
    ]);
    expect((await registry.list(tenant)).find((d) => d.deviceId === tabletId)).toMatchObject({
      status: 'error',
      lastSeenAt: expect.any(String),
    });
  });
});
