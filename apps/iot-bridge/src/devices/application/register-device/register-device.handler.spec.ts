import { aTransaction, InMemoryDevices } from '../../../../test/support/in-memory';
import type { BrokerLogins, DeviceLogin } from '../ports/broker-logins.port';
import { SyncBrokerLoginsHandler } from '../sync-broker-logins/sync-broker-logins.handler';
import { RegisterDeviceHandler, type RegisterDeviceCommand } from './register-device.handler';

describe('registering a device', () => {
  let devices: InMemoryDevices;
  let written: DeviceLogin[][];
  let handler: RegisterDeviceHandler;
  let passwords: number;

  beforeEach(() => {
    devices = new InMemoryDevices();
    written = [];
    passwords = 0;
    const logins: BrokerLogins = { replace: async (d) => (written.push(d), true) };
    handler = new RegisterDeviceHandler(
      devices,
      { newPassword: () => `password-${++passwords}`, hash: (p) => `hash(${p})` },
      new SyncBrokerLoginsHandler(devices, logins),
      { MQTT_DEVICES_USERNAME: 'iot-bridge' },
    );
  });
  const register = (tenantId: string, r: Omit<RegisterDeviceCommand, 'tenantId'>) =>
    handler.execute(aTransaction(), { tenantId, courtId: 'court-1', ...r });

  it('makes a password on creation only, stores its hash, and rewrites the broker logins', async () => {
    const created = await register('club-a', { deviceId: 'r1', kind: 'rfid-reader' });
    expect(created).toMatchObject({ outcome: 'created', password: 'password-1', device: { deviceId: 'r1' } });
    expect(created).not.toHaveProperty('device.credentialHash');
    expect(devices.rows.get('r1')?.credentialHash).toBe('hash(password-1)');
    expect(written.at(-1)?.map((l) => [l.username, l.passwordHash])).toEqual([['r1', 'hash(password-1)']]);
    expect(devices.loginChanges).toBe(1);

    const again = await register('club-a', { deviceId: 'r1', kind: 'rfid-reader' });
    expect(again).toMatchObject({ outcome: 'updated', password: undefined });
    expect(devices.rows.get('r1')?.credentialHash).toBe('hash(password-1)');
  });

  it('rotates the password when asked', async () => {
    await register('club-a', { deviceId: 'r1', kind: 'rfid-reader' });
    const rotated = await register('club-a', {
      deviceId: 'r1',
      kind: 'rfid-reader',
      rotateCredentials: true,
    });
    expect(rotated).toMatchObject({ outcome: 'updated', password: 'password-2' });
    expect(devices.rows.get('r1')?.credentialHash).toBe('hash(password-2)');
  });

  it("answers not-found for another club's device and for the bridge's own login", async () => {
    await register('club-a', { deviceId: 'r1', kind: 'rfid-reader' });
    expect(
      await register('club-b', { deviceId: 'r1', kind: 'rfid-reader', rotateCredentials: true }),
    ).toEqual({
      outcome: 'not-found',
    });
    expect(devices.rows.get('r1')?.tenantId).toBe('club-a');
    expect(await register('club-a', { deviceId: 'iot-bridge', kind: 'tablet' })).toEqual({
      outcome: 'not-found',
    });
    expect(devices.rows.has('iot-bridge')).toBe(false);
  });

  it('refuses a registration that cannot stand, writing nothing', async () => {
    const result = await handler.execute(aTransaction(), {
      tenantId: 'club-a',
      deviceId: 'r/1',
      kind: 'tablet',
    });
    expect(result).toEqual({ outcome: 'invalid', reason: 'deviceId: letters, digits, - and _ (1–64)' });
    expect(devices.rows.size).toBe(0);
    expect(written).toEqual([]);
  });
});
