import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
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

import { connectDevice } from '../support/device-client';
import { registryClient } from '../support/registry-client';

/**
 * The device registry and the secured broker it drives: the booted iot-bridge writes the password and
 * ACL files of a private Mosquitto from its registry, and the broker enforces them on real devices.
 */
describe('device logins on the secured broker (booted iot-bridge, real Mosquitto)', () => {
  let broker: DevicesBroker;
  let bridge: RunningService;
  let db: DataSource;
  let registry: Awaited<ReturnType<typeof registryClient>>;
  const clients: MqttClient[] = [];
  const infra = localInfraEnv(repoRoot());

  beforeAll(async () => {
    broker = await startDevicesBroker();
    bridge = await startService('iot-bridge', { env: broker.env });
    db = await new DataSource({ type: 'postgres', url: adminDatabaseUrl(bridge.database!) }).initialize();
    registry = await registryClient();
  });
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((c) => c.endAsync()));
  });
  afterAll(async () => {
    await registry?.close();
    await db?.destroy();
    await bridge?.stop();
    await broker?.stop();
  });

  const login = async (username?: string, password?: string, extra: IClientOptions = {}) => {
    const client = await connectAsync(broker.url, {
      username,
      password,
      clientId: `${username ?? 'anonymous'}-${randomUUID().slice(0, 6)}`,
      reconnectPeriod: 0,
      connectTimeout: 3_000,
      ...extra,
    });
    clients.push(client);
    return client;
  };
  const refused = (username?: string, password?: string) =>
    login(username, password).then(
      () => 'accepted',
      (error: Error) => error.message,
    );
  const id = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

  it('refuses anonymous logins, and the bridge logs in with its own', async () => {
    expect(await refused()).toMatch(/Not authorized/i);
    expect(await refused('nobody', 'wrong-password-123')).toMatch(
      /Not authorized|Bad User Name or Password/i,
    );
    await expect(login(infra.MQTT_DEVICES_USERNAME, infra.MQTT_DEVICES_PASSWORD)).resolves.toBeDefined();
  });

  it('hands a new device its password once, in a $7$ line Mosquitto accepts; rotation replaces it', async () => {
    const readerId = id('reader');
    const created = await registry.register('club-aurora', {
      deviceId: readerId,
      kind: 'rfid-reader',
      courtId: 'court-1',
    });
    expect(created).toMatchObject({
      outcome: 'created',
      device: { deviceId: readerId, kind: 'rfid-reader', courtId: 'court-1', enabled: true },
      credentials: { username: readerId },
      password: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
    });
    // The file holds the broker's hash, never the password; stored hashes match the file.
    const passwd = await readFile(join(broker.dir, 'passwd'), 'utf8');
    const line = passwd.split('\n').find((l) => l.startsWith(`${readerId}:`));
    expect(line).toMatch(/^[\w-]+:\$7\$101\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{86}==$/);
    expect(passwd).not.toContain(created.password);
    const [{ hash }] = await db.query(`SELECT credential_hash AS hash FROM device WHERE device_id = $1`, [
      readerId,
    ]);
    expect(line).toBe(`${readerId}:${hash}`);
    await expect(login(readerId, created.password)).resolves.toBeDefined();
    expect(await refused(readerId, 'not-the-password-at-all')).toMatch(
      /Not authorized|Bad User Name or Password/i,
    );

    const again = await registry.register('club-aurora', {
      deviceId: readerId,
      kind: 'rfid-reader',
      courtId: 'court-1',
    });
    expect(again.outcome).toBe('updated');
    expect(again.password).toBeUndefined();
    await expect(login(readerId, created.password)).resolves.toBeDefined();

    const rotated = await registry.register('club-aurora', {
      deviceId: readerId,
      kind: 'rfid-reader',
      courtId: 'court-1',
      rotateCredentials: true,
    });
    expect(rotated.password).toEqual(expect.any(String));
    expect(rotated.password).not.toBe(created.password);
    await expect(login(readerId, rotated.password)).resolves.toBeDefined();
    expect(await refused(readerId, created.password)).toMatch(/Not authorized|Bad User Name or Password/i);

    const disabled = await registry.register('club-aurora', {
      deviceId: readerId,
      kind: 'rfid-reader',
      courtId: 'court-1',
      enabled: false,
    });
    expect(disabled.device?.enabled).toBe(false);
    expect(await refused(readerId, rotated.password)).toMatch(/Not authorized|Bad User Name or Password/i);
  });

  it("keeps clubs apart: another club's device id is not found, lists show only the club's own", async () => {
    const tabletId = id('tablet');
    expect((await registry.register('club-aurora', { deviceId: tabletId, kind: 'tablet' })).outcome).toBe(
      'created',
    );
    const taken = await registry.register('club-boreal', {
      deviceId: tabletId,
      kind: 'tablet',
      rotateCredentials: true,
    });
    expect(taken).toEqual({ deviceId: tabletId, outcome: 'not-found', password: undefined });
    expect((await registry.list('club-aurora')).map((d) => d.deviceId)).toContain(tabletId);
    expect((await registry.list('club-boreal')).map((d) => d.deviceId)).not.toContain(tabletId);
    // The bridge's own name is no device's.
    expect(
      (await registry.register('club-aurora', { deviceId: infra.MQTT_DEVICES_USERNAME, kind: 'tablet' }))
        .outcome,
    ).toBe('not-found');
    const noCourt = await registry.register('club-aurora', { deviceId: id('reader'), kind: 'rfid-reader' });
    expect(noCourt).toMatchObject({ outcome: 'invalid', reason: 'courtId: required for a rfid-reader' });
  });

  it("lets a device use only its own topics: what it sends on another's never reaches the bridge", async () => {
    const [r1, r2] = [id('reader'), id('reader')];
    const one = await registry.register('club-aurora', {
      deviceId: r1,
      kind: 'rfid-reader',
      courtId: 'court-1',
    });
    const two = await registry.register('club-aurora', {
      deviceId: r2,
      kind: 'rfid-reader',
      courtId: 'court-2',
    });
    const panel = id('panel');
    const p = await registry.register('club-aurora', {
      deviceId: panel,
      kind: 'court-panel',
      courtId: 'court-7',
    });

    // A spy with the bridge's login sees every device message the broker lets through.
    const spy = await login(infra.MQTT_DEVICES_USERNAME, infra.MQTT_DEVICES_PASSWORD);
    await spy.subscribeAsync(['rfid/+/scan', 'panel/+/checkin'], { qos: 1 });
    const seen: string[] = [];
    spy.on('message', (topic, payload) => seen.push(`${topic} ${payload.toString()}`));

    const reader = await login(r1, one.password);
    const overheard: string[] = [];
    reader.on('message', (topic) => overheard.push(topic));
    await reader.subscribeAsync(`rfid/${r2}/response`, { qos: 1 }); // granted, but nothing is delivered
    const scan = (scanId: string) =>
      JSON.stringify({ scan_id: scanId, card_id: '04A2B3C4D5', timestamp: new Date().toISOString() });
    const foreign = `foreign-${randomUUID()}`;
    await reader.publishAsync(`rfid/${r2}/scan`, scan(foreign), { qos: 1 });
    // Its own topic, after the forbidden one on the same connection: once this arrives, that would have.
    const own = `own-${randomUUID()}`;
    await reader.publishAsync(`rfid/${r1}/scan`, scan(own), { qos: 1 });

    const court = await login(panel, p.password);
    const checkIn = JSON.stringify({ request_id: 'q-1', user_id: 'm', timestamp: new Date().toISOString() });
    await court.publishAsync(`panel/${r1}/checkin`, checkIn, { qos: 1 }); // another device's login
    await court.publishAsync('court/court-7/checkin', checkIn, { qos: 1 }); // the old court topics
    await court.publishAsync(`panel/${panel}/checkin`, checkIn, { qos: 1 });

    // The bridge answers reader 2 (a scan it cannot read): reader 2 hears it, reader 1 does not.
    const other = await login(r2, two.password);
    const answered = new Promise((resolve) => other.on('message', resolve));
    await other.subscribeAsync(`rfid/${r2}/response`, { qos: 1 });
    await other.publishAsync(`rfid/${r2}/scan`, 'not json', { qos: 1 });
    await answered;

    await eventually(async () => {
      const rows = await db.query(`SELECT 1 FROM rfid_scan WHERE reader_id = $1 AND scan_id = $2`, [r1, own]);
      return rows.length === 1 && seen.some((s) => s.startsWith(`panel/${panel}/`));
    }, 'the devices’ own messages reached the bridge');
    await new Promise((r) => setTimeout(r, 300)); // what reader 2 got, reader 1 would have got by now
    expect(seen.filter((s) => s.includes(foreign))).toEqual([]);
    expect(seen.map((s) => s.split(' ')[0]).filter((t) => !t.startsWith('rfid/'))).toEqual([
      `panel/${panel}/checkin`,
    ]);
    expect(overheard).toEqual([]);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM rfid_scan WHERE scan_id = $1`, [foreign]);
    expect(n).toBe(0);
  });

  it("fault 9: keeps panels of two clubs at the same court id apart: neither reads the other's traffic nor acts as it", async () => {
    const court = id('court'); // the same court id in both clubs
    const aurora = await connectDevice(
      broker,
      registry,
      'club-aurora',
      { kind: 'court-panel', courtId: court, prefix: 'aurora-panel' },
      (self) => [`panel/${self}/response`],
    );
    // club-boreal's panel listens wherever it can: every device topic, the old court subtree,
    // aurora's panel's own topics.
    const boreal = await connectDevice(
      broker,
      registry,
      'club-boreal',
      { kind: 'court-panel', courtId: court, prefix: 'boreal-panel' },
      (self) => [`panel/${self}/response`],
    );
    for (const filter of ['#', 'panel/#', `court/${court}/#`, `panel/${aurora.deviceId}/#`, 'rfid/#']) {
      await boreal.client.subscribeAsync(filter, { qos: 1 }).catch(() => undefined);
    }
    clients.push(aurora.client, boreal.client);
    const request = (member: string, extra: object = {}) => ({
      request_id: `q-${member}`,
      user_id: member,
      timestamp: new Date().toISOString(),
      ...extra,
    });
    const intruder = id('boreal-intruder');

    // aurora's member asks on aurora's panel; aurora's panel also sends one the bridge denies.
    await aurora.send(`panel/${aurora.deviceId}/checkin`, request('aurora-member-1'));
    await aurora.send(`panel/${aurora.deviceId}/checkin`, { timestamp: 'now' });
    // boreal's panel tries to act as aurora's: on aurora's topic, and naming it in device_id.
    await boreal.send(`panel/${aurora.deviceId}/checkin`, request(`${intruder}-topic`));
    await boreal.send(`court/${court}/checkin`, request(`${intruder}-court`, { device_id: aurora.deviceId }));
    await boreal.send(
      `panel/${boreal.deviceId}/checkin`,
      request(`${intruder}-payload`, { device_id: aurora.deviceId }),
    );
    // And boreal's own member, on its own panel.
    await boreal.send(`panel/${boreal.deviceId}/checkin`, request('boreal-member-1'));

    const checkIns = async () =>
      (
        await db.query(
          `SELECT envelope->>'tenantid' AS tenant, envelope->'data' AS data FROM outbox
            WHERE envelope->>'type' = 'iot.court.checkin-requested.v1' AND envelope->'data'->>'courtId' = $1
            ORDER BY id`,
          [court],
        )
      ).map((r: { tenant: string; data: { deviceId: string; memberId: string } }) => [
        r.tenant,
        r.data.deviceId,
        r.data.memberId,
      ]);
    await eventually(async () => (await checkIns()).length >= 2, 'both clubs’ own check-ins');
    await eventually(
      () => aurora.received.length >= 1 && boreal.received.length >= 1,
      'the denials to each panel',
    );
    await new Promise((r) => setTimeout(r, 500)); // room for anything that leaked

    // Each club's request is in its own club, from its own panel; nothing boreal sent acts as aurora's.
    expect(await checkIns()).toEqual([
      ['club-aurora', aurora.deviceId, 'aurora-member-1'],
      ['club-boreal', boreal.deviceId, 'boreal-member-1'],
    ]);
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE envelope->'data'->>'memberId' LIKE $1`,
      [`${intruder}%`],
    );
    expect(n).toBe(0);
    // Each panel heard only its own answer: aurora's denial never reached boreal's subscriptions.
    const denied = { status: 'denied', message: 'Pedido inválido, tente novamente', color: 'red' };
    const aurorasDenial = { requestId: null, ...denied }; // {timestamp: 'now'} has no request id
    const heard = (d: typeof aurora) =>
      [...new Set(d.received.map((m) => JSON.stringify(m)))].map((m) => JSON.parse(m));
    expect(heard(aurora)).toEqual([{ topic: `panel/${aurora.deviceId}/response`, body: aurorasDenial }]);
    // (boreal's overlapping subscriptions may each get a copy of its own answer)
    expect(heard(boreal)).toEqual([
      { topic: `panel/${boreal.deviceId}/response`, body: { requestId: `q-${intruder}-payload`, ...denied } },
    ]);
    expect(bridge.output()).toMatch(/device_id: not the panel of the topic/);
  });
});
