import { randomUUID } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import {
  adminDatabaseUrl,
  eventually,
  startService,
  userToken,
  type RunningService,
  startDevicesBroker,
  type DevicesBroker,
} from '@sportclub/testing';

import { fundWallets } from '../support/wallets';
import { importMembers } from '../support/members';
import { tokenSubject } from '../support/tokens';

const PRICE = 2_500;

interface Answer {
  scanId: string | null;
  status: string;
  message: string;
  color: string;
}

interface PanelAnswer extends Omit<Answer, 'scanId'> {
  requestId: string | null;
}

/**
 * A card tapped at a court door, end to end: a reader registered through the gateway logs in to the
 * secured broker with the password it was given, scans; iot-bridge announces the scan, the gateway
 * starts the member's check-in (payments, the sandbox's access vendor), and the outcome comes back to
 * the reader's door display. Every service is its own process over the real brokers and databases.
 */
describe('RFID check-in: reader → iot-bridge → gateway saga → reader (booted services)', () => {
  let broker: DevicesBroker;
  let sandbox: RunningService;
  let payments: RunningService;
  let bridge: RunningService;
  let gateway: RunningService;
  let paymentsDb: DataSource;
  const clients: MqttClient[] = [];
  const tokens: Record<string, string> = {};
  const court = `court-rfid-${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    broker = await startDevicesBroker();
    sandbox = await startService('partner-sandbox');
    payments = await startService('payments');
    bridge = await startService('iot-bridge', { env: broker.env });
    gateway = await startService('access-gateway', {
      env: {
        ACCESS_VENDOR_URL: `${sandbox.url}/access-vendor`,
        CHECK_IN_DEADLINE_MS: '5000',
        RATE_LIMIT_KEY_PREFIX: `test:${randomUUID()}`,
      },
    });
    paymentsDb = await new DataSource({
      type: 'postgres',
      url: adminDatabaseUrl(payments.database!),
    }).initialize();
    for (const user of ['ana@aurora.test', 'bruno@aurora.test', 'elisa@boreal.test']) {
      tokens[user] = await userToken(user);
    }
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.endAsync()));
    await paymentsDb?.destroy();
    await Promise.allSettled([gateway?.stop(), bridge?.stop(), payments?.stop(), sandbox?.stop()]);
    await broker?.stop();
  });

  const call = async (user: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${gateway.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[user]}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read what they need
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
  };
  const subjectOf = (user: string) => tokenSubject(tokens[user]);
  const available = async (member: string) => {
    const [w] = await paymentsDb.query(
      `SELECT available_centavos::int AS available FROM wallet WHERE tenant_id = 'club-aurora' AND member_id = $1`,
      [member],
    );
    return (w?.available as number | undefined) ?? 0;
  };

  /** A device at the court registered by staff, logged in with the password the gateway showed once. */
  async function connectedDevice(kind: 'rfid-reader' | 'court-panel', prefix: string) {
    const deviceId = `${prefix}-${randomUUID().slice(0, 8)}`;
    const created = await call('bruno@aurora.test', 'PUT', `/v1/devices/${deviceId}`, {
      kind,
      courtId: court,
    });
    expect(created.status).toBe(201);
    const client = await connectAsync(broker.url, {
      username: created.body.credentials.username,
      password: created.body.credentials.password,
      clientId: deviceId,
      reconnectPeriod: 0,
    });
    clients.push(client);
    return { deviceId, client };
  }

  /** An RFID reader at the door, with its scans and the answers it received. */
  async function reader() {
    const { deviceId: readerId, client } = await connectedDevice('rfid-reader', 'door');
    const answers: Answer[] = [];
    client.on('message', (_t, payload) => answers.push(JSON.parse(payload.toString())));
    await client.subscribeAsync(`rfid/${readerId}/response`, { qos: 1 });
    const scan = async (cardId: string, scanId = `scan-${randomUUID()}`, dup = false) => {
      await client.publishAsync(
        `rfid/${readerId}/scan`,
        JSON.stringify({
          scan_id: scanId,
          card_id: cardId,
          reader_id: readerId,
          timestamp: new Date().toISOString(),
        }),
        { qos: 1, dup },
      );
      return scanId;
    };
    const answerTo = async (scanId: string) => {
      await eventually(
        () => answers.some((a) => a.scanId === scanId),
        `the door's answer to ${scanId}`,
        20_000,
      );
      return answers.find((a) => a.scanId === scanId)!;
    };
    return { readerId, answers, scan, answerTo };
  }

  /** A court panel at the court, with the requests it sends and the refusals it is told. */
  async function courtPanel() {
    const { deviceId: panelId, client } = await connectedDevice('court-panel', 'panel');
    const answers: PanelAnswer[] = [];
    client.on('message', (_t, payload) => answers.push(JSON.parse(payload.toString())));
    await client.subscribeAsync(`panel/${panelId}/response`, { qos: 1 });
    const ask = async (action: 'checkin' | 'checkout', memberId: string, requestId = `q-${randomUUID()}`) => {
      await client.publishAsync(
        `panel/${panelId}/${action}`,
        JSON.stringify({ request_id: requestId, user_id: memberId, timestamp: new Date().toISOString() }),
        { qos: 1 },
      );
      return requestId;
    };
    const answerTo = async (requestId: string) => {
      await eventually(
        () => answers.some((a) => a.requestId === requestId),
        `the panel's answer to ${requestId}`,
        20_000,
      );
      return answers.filter((a) => a.requestId === requestId);
    };
    return { panelId, client, answers, ask, answerTo };
  }

  it('lets staff register devices and cards for their club only, showing a device password once', async () => {
    const readerId = `door-${randomUUID().slice(0, 8)}`;
    const put = (user: string, body: unknown, id = readerId) => call(user, 'PUT', `/v1/devices/${id}`, body);
    expect((await put('bruno@aurora.test', { kind: 'rfid-reader', courtId: court })).body).toMatchObject({
      error: 'court_not_found',
      field: 'courtId',
    });
    expect(
      (
        await call('bruno@aurora.test', 'PUT', `/v1/courts/${court}`, {
          name: 'Quadra RFID',
          priceCentavos: PRICE,
        })
      ).status,
    ).toBe(200);
    const noCourt = await put('bruno@aurora.test', { kind: 'rfid-reader' }, 'door+1');
    expect(noCourt.status).toBe(400);
    expect(noCourt.body.problems.map((p: { field: string }) => p.field).sort()).toEqual([
      'courtId',
      'deviceId',
    ]);
    expect((await put('ana@aurora.test', { kind: 'rfid-reader', courtId: court })).status).toBe(403);

    const created = await put('bruno@aurora.test', { kind: 'rfid-reader', courtId: court });
    expect(created).toMatchObject({
      status: 201,
      body: {
        deviceId: readerId,
        kind: 'rfid-reader',
        courtId: court,
        enabled: true,
        credentials: { username: readerId, password: expect.stringMatching(/^[\w-]{32}$/) },
      },
    });
    const again = await put('bruno@aurora.test', { kind: 'rfid-reader', courtId: court });
    expect(again.status).toBe(200);
    expect(again.body.credentials).toBeUndefined();
    const rotated = await put('bruno@aurora.test', {
      kind: 'rfid-reader',
      courtId: court,
      rotateCredentials: true,
    });
    expect(rotated.body.credentials.password).not.toBe(created.body.credentials.password);
    // Another club can neither take the id nor see the device.
    expect((await put('elisa@boreal.test', { kind: 'tablet' })).body).toMatchObject({
      error: 'device_not_found',
    });
    expect(
      (await call('bruno@aurora.test', 'GET', '/v1/devices')).body.map(
        (d: { deviceId: string }) => d.deviceId,
      ),
    ).toContain(readerId);
    expect((await call('elisa@boreal.test', 'GET', '/v1/devices')).body).toEqual([]);

    const card = `04${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    // Cards go only to the club's members: unknown here until staff import them.
    expect(
      (await call('bruno@aurora.test', 'PUT', `/v1/rfid-cards/${card}`, { memberId: 'member-x' })).body,
    ).toMatchObject({ error: 'member_not_found', field: 'memberId' });
    await importMembers(gateway.url, tokens['bruno@aurora.test'], ['member-x']);
    const saved = await call('bruno@aurora.test', 'PUT', `/v1/rfid-cards/${card}`, { memberId: 'member-x' });
    expect(saved.body).toMatchObject({ cardId: card.toUpperCase(), memberId: 'member-x', active: true });
    expect(
      (await call('bruno@aurora.test', 'PUT', '/v1/rfid-cards/not-hex!', { memberId: '' })).body.problems,
    ).toEqual([
      { field: 'cardId', reason: 'a hexadecimal card UID (8–32 digits)' },
      { field: 'memberId', reason: '1–100 visible characters' },
    ]);
    expect((await call('elisa@boreal.test', 'GET', '/v1/rfid-cards')).body).toEqual([]);
    expect((await call('elisa@boreal.test', 'DELETE', `/v1/rfid-cards/${card}`)).status).toBe(404);
    expect((await call('bruno@aurora.test', 'DELETE', `/v1/rfid-cards/${card}`)).status).toBe(204);
    expect((await call('bruno@aurora.test', 'GET', '/v1/rfid-cards?memberId=member-x')).body).toEqual([]);
  });

  it('grants a funded member at the door and takes the session price once, however often the scan arrives', async () => {
    const ana = subjectOf('ana@aurora.test');
    await fundWallets(paymentsDb, 'club-aurora', [{ id: ana, centavos: 10_000 }]);
    const before = await available(ana);
    const card = `04${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await importMembers(gateway.url, tokens['bruno@aurora.test'], [ana]);
    expect((await call('bruno@aurora.test', 'PUT', `/v1/rfid-cards/${card}`, { memberId: ana })).status).toBe(
      200,
    );
    const door = await reader();

    const scanId = await door.scan(card.toLowerCase());
    await door.scan(card, scanId, true); // the reader's QoS 1 retransmission
    expect(await door.answerTo(scanId)).toEqual({
      scanId,
      status: 'granted',
      message: 'Acesso liberado',
      color: 'green',
    });
    await new Promise((r) => setTimeout(r, 1_000)); // room for a second charge, were there one
    expect(await available(ana)).toBe(before - PRICE);
    const sessions = await call('ana@aurora.test', 'GET', '/v1/sessions?active=true');
    expect(sessions.body.filter((s: { courtId: string }) => s.courtId === court)).toHaveLength(1);
  });

  it('denies an unknown card and a member without credit, taking nothing', async () => {
    const door = await reader();
    const unknown = await door.scan('0499AABBCCDD');
    expect(await door.answerTo(unknown)).toEqual({
      scanId: unknown,
      status: 'denied',
      message: 'Cartão não cadastrado',
      color: 'red',
    });

    const broke = `member-${randomUUID().slice(0, 8)}`;
    await importMembers(gateway.url, tokens['bruno@aurora.test'], [broke]);
    await fundWallets(paymentsDb, 'club-aurora', [{ id: broke, centavos: 1_000 }]);
    const card = `04${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await call('bruno@aurora.test', 'PUT', `/v1/rfid-cards/${card}`, { memberId: broke });
    const short = await door.scan(card);
    expect(await door.answerTo(short)).toEqual({
      scanId: short,
      status: 'denied',
      message: 'Crédito insuficiente',
      color: 'red',
    });
    expect(await available(broke)).toBe(1_000);

    await call('bruno@aurora.test', 'PUT', `/v1/rfid-cards/${card}`, { memberId: broke, active: false });
    const blocked = await door.scan(card);
    expect((await door.answerTo(blocked)).message).toBe('Cartão bloqueado');

    // A suspended member is refused at the door, with the reason on the reader, and nothing is taken.
    await call('bruno@aurora.test', 'PUT', `/v1/rfid-cards/${card}`, { memberId: broke, active: true });
    await fundWallets(paymentsDb, 'club-aurora', [{ id: broke, centavos: 5_000 }]);
    const suspended = await call('bruno@aurora.test', 'PUT', `/v1/members/${broke}/status`, {
      status: 'suspended',
      reason: 'unpaid fees',
    });
    expect(suspended.status).toBe(200);
    const refused = await door.scan(card);
    expect(await door.answerTo(refused)).toEqual({
      scanId: refused,
      status: 'denied',
      message: 'Acesso negado: sócio suspenso',
      color: 'red',
    });
    expect(await available(broke)).toBe(6_000);
  });
  it("checks members in and out from the court's panel, once per request however often it is published", async () => {
    const member = `panel-${randomUUID().slice(0, 8)}`;
    const other = `panel-${randomUUID().slice(0, 8)}`; // asks on the same panel in the same second
    await importMembers(gateway.url, tokens['bruno@aurora.test'], [member, other]);
    await fundWallets(paymentsDb, 'club-aurora', [
      { id: member, centavos: 10_000 },
      { id: other, centavos: 10_000 },
    ]);
    const { panelId, client: panel, answers, ask, answerTo } = await courtPanel();
    const timestamp = new Date().toISOString();
    const request = JSON.stringify({ request_id: `q-${randomUUID()}`, user_id: member, timestamp });
    await panel.publishAsync(`panel/${panelId}/checkin`, request, { qos: 1 });
    await panel.publishAsync(`panel/${panelId}/checkin`, request, { qos: 1 }); // the same request again
    const otherRequest = JSON.stringify({ request_id: `q-${randomUUID()}`, user_id: other, timestamp });
    await panel.publishAsync(`panel/${panelId}/checkin`, otherRequest, { qos: 1 });
    type Session = { sessionId: string; memberId: string; courtId: string; endedAt: string | null };
    const open = async (who = member) =>
      ((await call('bruno@aurora.test', 'GET', '/v1/sessions?active=true')).body as Session[]).filter(
        (x) => x.memberId === who && x.courtId === court,
      );
    await eventually(
      async () => (await open()).length === 1 && (await open(other)).length === 1,
      'both panel check-ins opened a session',
      20_000,
    );
    await new Promise((r) => setTimeout(r, 1_000)); // room for a second check-in, were there one
    expect(await open()).toHaveLength(1);
    expect(await available(member)).toBe(10_000 - PRICE);
    expect(await available(other)).toBe(10_000 - PRICE);

    await ask('checkout', member);
    await eventually(async () => (await open()).length === 0, 'the panel check-out closed it', 20_000);
    expect(answers).toEqual([]); // what went through is not answered

    // Nothing left to close: the panel is told so.
    const again = await ask('checkout', member);
    expect(await answerTo(again)).toEqual([
      { requestId: again, status: 'denied', message: 'Nenhuma sessão aberta nesta quadra', color: 'red' },
    ]);
  });

  it("tells the panel, in pt-BR, why the gateway refused a suspended member's check-in and another club's member's", async () => {
    const suspended = `panel-${randomUUID().slice(0, 8)}`;
    await importMembers(gateway.url, tokens['bruno@aurora.test'], [suspended]);
    await fundWallets(paymentsDb, 'club-aurora', [{ id: suspended, centavos: 10_000 }]);
    expect(
      (
        await call('bruno@aurora.test', 'PUT', `/v1/members/${suspended}/status`, {
          status: 'suspended',
          reason: 'unpaid fees',
        })
      ).status,
    ).toBe(200);
    const boreal = `boreal-${randomUUID().slice(0, 8)}`; // a member of club-boreal only
    await importMembers(gateway.url, tokens['elisa@boreal.test'], [boreal]);
    const panel = await courtPanel();

    const refused = await panel.ask('checkin', suspended);
    const foreign = await panel.ask('checkin', boreal);
    expect(await panel.answerTo(refused)).toEqual([
      { requestId: refused, status: 'denied', message: 'Acesso negado: sócio suspenso', color: 'red' },
    ]);
    expect(await panel.answerTo(foreign)).toEqual([
      { requestId: foreign, status: 'denied', message: 'Acesso negado: procure a recepção', color: 'red' },
    ]);

    // The panel asks again with the same request id: told the same, once more, and still nothing is done.
    await panel.ask('checkin', suspended, refused);
    await eventually(
      async () => (await panel.answerTo(refused)).length === 2,
      'the refusal repeated',
      20_000,
    );
    expect(new Set((await panel.answerTo(refused)).map((a) => a.message))).toEqual(
      new Set(['Acesso negado: sócio suspenso']),
    );
    expect(await available(suspended)).toBe(10_000);
    const sessions = (await call('bruno@aurora.test', 'GET', '/v1/sessions?active=true')).body as {
      memberId: string;
    }[];
    expect(sessions.filter((x) => x.memberId === suspended || x.memberId === boreal)).toEqual([]);
  });
});
