import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AccessCheckinCompletedV1,
  AccessPanelRequestRefusedV1,
  VideoHighlightRefusedV1,
  type Envelope,
} from '@sportclub/contracts';
import { KafkaConnection } from '@sportclub/messaging';
import {
  adminDatabaseUrl,
  eventually,
  kafkaCaughtUp,
  localInfraEnv,
  repoRoot,
  startDevicesBroker,
  startService,
  type DevicesBroker,
  type RunningService,
} from '@sportclub/testing';
import { connectDevice, type ConnectedDevice } from '../support/device-client';
import { registryClient } from '../support/registry-client';

/**
 * Device requests as a device really sends them, over the booted iot-bridge and a private secured
 * Mosquitto: whatever a device publishes, it is answered where it has an answer topic, and the bridge's
 * session keeps flowing. No gateway runs here: outcomes are published to Kafka by the test.
 */
describe('device requests (booted iot-bridge, real Mosquitto and brokers)', () => {
  let broker: DevicesBroker;
  let bridge: RunningService;
  let db: DataSource;
  let kafka: KafkaConnection;
  let registry: Awaited<ReturnType<typeof registryClient>>;
  const devices: ConnectedDevice[] = [];
  const tenant = 'club-aurora';

  beforeAll(async () => {
    broker = await startDevicesBroker();
    bridge = await startService('iot-bridge', { env: broker.env });
    db = await new DataSource({ type: 'postgres', url: adminDatabaseUrl(bridge.database!) }).initialize();
    kafka = new KafkaConnection({
      brokers: localInfraEnv(repoRoot()).KAFKA_BROKERS.split(','),
      clientId: 'iot-e2e-requests',
    });
    registry = await registryClient();
  });
  afterAll(async () => {
    await Promise.allSettled(devices.map((d) => d.client.endAsync()));
    await Promise.allSettled([registry?.close(), kafka?.close(), db?.destroy()]);
    await bridge?.stop();
    await broker?.stop();
  });

  const reader = async () => {
    const r = await connectDevice(
      broker,
      registry,
      tenant,
      { kind: 'rfid-reader', courtId: 'court-1' },
      (id) => [`rfid/${id}/response`],
    );
    devices.push(r);
    return r;
  };
  const scan = (scanId: string, fields: Record<string, unknown> = {}) => ({
    scan_id: scanId,
    card_id: '04A2B3C4D5',
    timestamp: new Date().toISOString(),
    ...fields,
  });
  const scanned = async (readerId: string): Promise<Envelope<{ scanId: string }>[]> =>
    (
      await db.query(
        `SELECT envelope FROM outbox WHERE envelope->>'type' = 'iot.rfid.scanned.v1' AND envelope->>'subject' = $1 ORDER BY id`,
        [readerId],
      )
    ).map((r: { envelope: Envelope<{ scanId: string }> }) => r.envelope);
  const answersTo = (d: ConnectedDevice, key: 'scanId' | 'requestId', id: string | null) =>
    d.received.filter((m) => m.body[key] === id).map((m) => m.body);

  describe('fault 8: a payload that fails validation is denied at once and acknowledged', () => {
    it('answers 30 malformed scans (bad JSON, bad fields, impossible dates), then still answers a good one', async () => {
      const r = await reader();
      const topic = `rfid/${r.deviceId}/scan`;
      const yearZero = Array.from({ length: 24 }, (_, i) =>
        scan(`year-zero-${i}-${randomUUID()}`, { timestamp: '0000-01-01T00:00:00Z' }),
      );
      const malformed: unknown[] = [
        'not json',
        '',
        '[]',
        scan('bad-card', { card_id: 'ZZ' }),
        scan('no-clock', { timestamp: 'yesterday' }),
        scan('feb-30', { timestamp: '2026-02-30T10:00:00Z' }),
        ...yearZero,
      ];
      expect(malformed).toHaveLength(30);
      const sent = Date.now();
      for (const body of malformed) await r.send(topic, body);
      const good = `good-${randomUUID()}`;
      await r.send(topic, scan(good));

      await eventually(() => r.received.length >= 30, 'all 30 denials', 20_000);
      expect(Date.now() - sent).toBeLessThan(15_000); // no handler retried or waited on the broker
      expect(r.received.slice(0, 30).map((m) => m.body)).toEqual(
        malformed.map((body) => ({
          scanId: typeof body === 'object' && body ? (body as { scan_id: string }).scan_id : null,
          status: 'denied',
          message: 'Leitura inválida, tente novamente',
          color: 'red',
        })),
      );
      expect(bridge.output()).toMatch(/invalid scan denied, timestamp: a real date and time/);

      // The good scan got through the same session: announced, and its outcome reaches the door.
      await eventually(async () => (await scanned(r.deviceId)).length === 1, 'the good scan announced');
      const [event] = await scanned(r.deviceId);
      expect(event.data.scanId).toBe(good);
      const completed = AccessCheckinCompletedV1.envelope({
        source: 'access-gateway',
        tenantId: tenant,
        subject: randomUUID(),
        correlationId: event.correlationid,
        data: {
          checkInId: randomUUID(),
          memberId: 'member-1',
          courtId: 'court-1',
          sessionId: 'ses_1',
          chargedCentavos: 0,
        },
      });
      await kafka.publish('access.checkin.v1', [
        { key: completed.subject, value: JSON.stringify(completed) },
      ]);
      await eventually(() => answersTo(r, 'scanId', good).length > 0, 'the good scan answered', 15_000);
      expect(answersTo(r, 'scanId', good)).toEqual([
        { scanId: good, status: 'granted', message: 'Acesso liberado', color: 'green' },
      ]);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM rfid_scan WHERE reader_id = $1`, [
        r.deviceId,
      ]);
      expect(n).toBe(1);
      expect(bridge.process.exitCode).toBeNull();
    });
  });

  describe("fault 10: a panel's request is named by its request id, not by the panel's clock", () => {
    it('announces two members asking on one panel in the same second as two check-ins, and a repeat as none', async () => {
      const panel = await connectDevice(
        broker,
        registry,
        tenant,
        { kind: 'court-panel', courtId: 'court-5' },
        (id) => [`panel/${id}/response`],
      );
      devices.push(panel);
      const topic = `panel/${panel.deviceId}/checkin`;
      const at = new Date().toISOString();
      const ana = { request_id: `q-${randomUUID()}`, user_id: 'ana', timestamp: at };
      const bruno = { request_id: `q-${randomUUID()}`, user_id: 'bruno', timestamp: at };
      await panel.send(topic, ana);
      await panel.send(topic, bruno);
      await panel.client.publishAsync(topic, JSON.stringify(ana), { qos: 1, dup: true }); // a repeat
      await panel.send(topic, { user_id: 'carla', timestamp: at }); // no request id

      const checkIns = async () =>
        (
          await db.query(
            `SELECT envelope->'data' AS data FROM outbox
              WHERE envelope->>'type' = 'iot.court.checkin-requested.v1' AND envelope->>'subject' = $1 ORDER BY id`,
            [panel.deviceId],
          )
        ).map((r: { data: object }) => r.data);
      await eventually(() => panel.received.length === 1, 'the denial of the request without an id');
      await eventually(async () => (await checkIns()).length >= 2, 'both check-ins announced');
      await new Promise((r) => setTimeout(r, 500)); // room for the repeat, were it announced
      const request = { deviceId: panel.deviceId, courtId: 'court-5', requestedAt: at };
      expect(await checkIns()).toEqual([
        { ...request, memberId: 'ana', requestId: ana.request_id },
        { ...request, memberId: 'bruno', requestId: bruno.request_id },
      ]);
      expect(panel.received.map((m) => m.body)).toEqual([
        { requestId: null, status: 'denied', message: 'Pedido inválido, tente novamente', color: 'red' },
      ]);
      expect(bridge.output()).toMatch(/checkin: invalid request denied, request_id: /);
    });
  });

  describe("the gateway's refusal of a panel's request", () => {
    it('reaches the panel once in pt-BR, however often it arrives, and again when the panel repeats the request', async () => {
      const panel = await connectDevice(
        broker,
        registry,
        tenant,
        { kind: 'court-panel', courtId: 'court-7' },
        (id) => [`panel/${id}/response`],
      );
      devices.push(panel);
      const checkin = {
        request_id: `q-${randomUUID()}`,
        user_id: 'ana',
        timestamp: new Date().toISOString(),
      };
      await panel.send(`panel/${panel.deviceId}/checkin`, checkin);
      await eventually(
        async () =>
          (
            await db.query(
              `SELECT 1 FROM outbox WHERE envelope->>'type' = 'iot.court.checkin-requested.v1' AND envelope->>'subject' = $1`,
              [panel.deviceId],
            )
          ).length === 1,
        'the check-in announced',
      );
      const refusal = (requestId: string) =>
        AccessPanelRequestRefusedV1.envelope({
          source: 'access-gateway',
          tenantId: tenant,
          subject: panel.deviceId,
          data: {
            deviceId: panel.deviceId,
            requestId,
            memberId: 'ana',
            courtId: 'court-7',
            operation: 'check-in',
            code: 'member-suspended',
            reason: 'the membership is suspended',
          },
        });
      const first = refusal(checkin.request_id);
      const record = (e: Envelope) => ({ key: e.subject, value: JSON.stringify(e) });
      // Redelivered, published twice by the gateway, and one for a request this panel never made.
      await kafka.publish('access.checkin.v1', [
        record(first),
        record(first),
        record(refusal(checkin.request_id)),
        record(refusal(`q-${randomUUID()}`)),
      ]);

      const told = {
        requestId: checkin.request_id,
        status: 'denied',
        message: 'Acesso negado: sócio suspenso',
        color: 'red',
      };
      await eventually(() => panel.received.length > 0, "the panel told the gateway's refusal", 15_000);
      await new Promise((r) => setTimeout(r, 1_000)); // room for a second answer, were there one
      expect(panel.received.map((m) => m.body)).toEqual([told]);
      const [row] = await db.query(
        `SELECT refusal, delivered_at IS NOT NULL AS delivered FROM panel_request WHERE panel_id = $1`,
        [panel.deviceId],
      );
      expect(row).toEqual({ refusal: 'member-suspended', delivered: true });

      await panel.send(`panel/${panel.deviceId}/checkin`, checkin); // the panel asks again
      await eventually(() => panel.received.length === 2, 'the refusal repeated', 15_000);
      expect(panel.received.map((m) => m.body)).toEqual([told, told]);
    });
  });

  describe("video's refusal of a button press (nothing recording on the court)", () => {
    it("reaches the panel once in pt-BR, however often it arrives, not from another club's video, and again when the panel repeats the press", async () => {
      const panel = await connectDevice(
        broker,
        registry,
        tenant,
        { kind: 'court-panel', courtId: 'court-8' },
        (id) => [`panel/${id}/response`],
      );
      devices.push(panel);
      const pressed = { request_id: `q-${randomUUID()}`, timestamp: new Date().toISOString() };
      await panel.send(`panel/${panel.deviceId}/button/pressed`, pressed);
      await eventually(
        async () =>
          (
            await db.query(
              `SELECT 1 FROM outbox WHERE envelope->>'type' = 'iot.button.pressed.v1' AND envelope->>'subject' = $1`,
              [panel.deviceId],
            )
          ).length === 1,
        'the press announced',
      );
      const refusal = (tenantId: string, requestId: string) =>
        VideoHighlightRefusedV1.envelope({
          source: 'video',
          tenantId,
          subject: panel.deviceId,
          data: {
            deviceId: panel.deviceId,
            requestId,
            courtId: 'court-8',
            code: 'no-recording',
            reason: 'no camera of the court is recording',
          },
        });
      const record = (e: Envelope) => ({ key: e.subject, value: JSON.stringify(e) });
      const row = async () =>
        (
          await db.query(
            `SELECT refusal, delivered_at IS NOT NULL AS delivered FROM panel_request WHERE panel_id = $1`,
            [panel.deviceId],
          )
        )[0];

      // Another club's video refusing a press of the same panel and request id changes nothing.
      await kafka.publish('video.highlight.v1', [record(refusal('club-boreal', pressed.request_id))]);
      await kafkaCaughtUp('iot-bridge');
      expect(await row()).toEqual({ refusal: null, delivered: false });
      expect(panel.received).toEqual([]);

      // Redelivered, published twice by video, and one for a press this panel never made.
      const first = refusal(tenant, pressed.request_id);
      await kafka.publish('video.highlight.v1', [
        record(first),
        record(first),
        record(refusal(tenant, pressed.request_id)),
        record(refusal(tenant, `q-${randomUUID()}`)),
      ]);
      const told = {
        requestId: pressed.request_id,
        status: 'denied',
        message: 'Nenhuma gravação nesta quadra',
        color: 'red',
      };
      await eventually(() => panel.received.length > 0, "the panel told video's refusal", 15_000);
      await new Promise((r) => setTimeout(r, 1_000)); // room for a second answer, were there one
      expect(panel.received.map((m) => m.body)).toEqual([told]);
      expect(await row()).toEqual({ refusal: 'no-recording', delivered: true });

      await panel.send(`panel/${panel.deviceId}/button/pressed`, pressed); // the panel presses again
      await eventually(() => panel.received.length === 2, 'the refusal repeated', 15_000);
      expect(panel.received.map((m) => m.body)).toEqual([told, told]);
      const presses = await db.query(
        `SELECT 1 FROM outbox WHERE envelope->>'type' = 'iot.button.pressed.v1' AND envelope->>'subject' = $1`,
        [panel.deviceId],
      );
      expect(presses).toHaveLength(1);
    });
  });

  describe('fault 7: a request outside the acceptance window (60 s old, 30 s ahead) is refused and recorded', () => {
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const secondsAhead = (s: number) => new Date(Date.now() + s * 1_000).toISOString();

    it('refuses a scan timestamped 3 hours ago with a fresh scan id, and one from a clock 2 min ahead', async () => {
      const r = await reader();
      const topic = `rfid/${r.deviceId}/scan`;
      const old = `old-${randomUUID()}`;
      const ahead = `ahead-${randomUUID()}`;
      const fresh = `fresh-${randomUUID()}`;
      await r.send(topic, scan(old, { timestamp: hoursAgo(3) }));
      await r.send(topic, scan(ahead, { timestamp: secondsAhead(120) }));
      await r.send(topic, scan(fresh, { timestamp: new Date(Date.now() - 20_000).toISOString() }));
      await eventually(
        () => answersTo(r, 'scanId', old).length > 0 && answersTo(r, 'scanId', ahead).length > 0,
        'both refusals',
        15_000,
      );
      expect(answersTo(r, 'scanId', old)).toEqual([
        { scanId: old, status: 'denied', message: 'Leitura expirada, tente novamente', color: 'yellow' },
      ]);
      expect(answersTo(r, 'scanId', ahead)).toEqual([
        { scanId: ahead, status: 'denied', message: 'Horário do leitor incorreto', color: 'red' },
      ]);
      // The reader repeats the old scan: the same refusal again, still nothing announced.
      await r.send(topic, scan(old, { timestamp: hoursAgo(3) }));
      await eventually(() => answersTo(r, 'scanId', old).length === 2, 'the refusal again', 15_000);

      await eventually(async () => (await scanned(r.deviceId)).length === 1, 'the fresh scan announced');
      expect((await scanned(r.deviceId)).map((e) => e.data.scanId)).toEqual([fresh]);
      const rows = await db.query(
        `SELECT scan_id AS "scanId", answered_by AS "answeredBy", refusal, answer->>'message' AS message
           FROM rfid_scan WHERE reader_id = $1 ORDER BY received_at`,
        [r.deviceId],
      );
      expect(rows).toEqual([
        {
          scanId: old,
          answeredBy: 'bridge',
          refusal: 'device-request-expired',
          message: 'Leitura expirada, tente novamente',
        },
        {
          scanId: ahead,
          answeredBy: 'bridge',
          refusal: 'device-clock-ahead',
          message: 'Horário do leitor incorreto',
        },
        { scanId: fresh, answeredBy: null, refusal: null, message: null },
      ]);
      expect(bridge.output()).toMatch(/scan old-[\w-]+ refused, sent 108\d\d s ago by the device's clock/);
    });

    it("refuses a panel's check-in, check-out and button press from 3 hours ago, answering the panel", async () => {
      const panel = await connectDevice(
        broker,
        registry,
        tenant,
        { kind: 'court-panel', courtId: 'court-6' },
        (id) => [`panel/${id}/response`],
      );
      devices.push(panel);
      const ask = (action: string, body: object) => panel.send(`panel/${panel.deviceId}/${action}`, body);
      await ask('checkin', { request_id: 'q-in', user_id: 'ana', timestamp: hoursAgo(3) });
      await ask('checkout', { request_id: 'q-out', user_id: 'ana', timestamp: hoursAgo(3) });
      await ask('button/pressed', { request_id: 'q-button', timestamp: hoursAgo(3) });
      await ask('checkin', { request_id: 'q-ahead', user_id: 'ana', timestamp: secondsAhead(120) });
      await ask('checkin', { request_id: 'q-now', user_id: 'bruno', timestamp: new Date().toISOString() });

      await eventually(() => panel.received.length === 4, 'four refusals', 15_000);
      const expired = { status: 'denied', message: 'Pedido expirado, tente novamente', color: 'yellow' };
      expect(panel.received.map((m) => m.body)).toEqual([
        { requestId: 'q-in', ...expired },
        { requestId: 'q-out', ...expired },
        { requestId: 'q-button', ...expired },
        { requestId: 'q-ahead', status: 'denied', message: 'Horário do painel incorreto', color: 'red' },
      ]);
      const requests = await db.query(
        `SELECT request_id AS "requestId", action, outcome FROM panel_request WHERE panel_id = $1 ORDER BY received_at`,
        [panel.deviceId],
      );
      expect(requests).toEqual([
        { requestId: 'q-in', action: 'checkin', outcome: 'device-request-expired' },
        { requestId: 'q-out', action: 'checkout', outcome: 'device-request-expired' },
        { requestId: 'q-button', action: 'button', outcome: 'device-request-expired' },
        { requestId: 'q-ahead', action: 'checkin', outcome: 'device-clock-ahead' },
        { requestId: 'q-now', action: 'checkin', outcome: 'accepted' },
      ]);
      const events = await db.query(
        `SELECT envelope->>'type' AS type, envelope->'data'->>'requestId' AS "requestId" FROM outbox
          WHERE envelope->>'subject' = $1 AND envelope->>'type' LIKE 'iot.%'`,
        [panel.deviceId],
      );
      expect(events).toEqual([{ type: 'iot.court.checkin-requested.v1', requestId: 'q-now' }]);
    });
  });
});
