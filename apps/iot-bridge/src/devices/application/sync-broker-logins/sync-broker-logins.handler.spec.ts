import { InMemoryDevices } from '../../../../test/support/in-memory';
import type { DeviceLogin } from '../ports/broker-logins.port';
import { SyncBrokerLoginsHandler } from './sync-broker-logins.handler';

describe("syncing the broker's logins with the registry", () => {
  it('writes every enabled device, and no disabled one', async () => {
    const devices = new InMemoryDevices();
    devices.add({ deviceId: 'r1', tenantId: 'club-a', kind: 'rfid-reader', courtId: 'c1' });
    devices.add({ deviceId: 'r2', tenantId: 'club-a', kind: 'rfid-reader', courtId: 'c1', enabled: false });
    const written: DeviceLogin[][] = [];
    await new SyncBrokerLoginsHandler(devices, { replace: async (d) => (written.push(d), true) }).execute();
    expect(written).toHaveLength(1);
    expect(written[0]).toEqual([{ username: 'r1', passwordHash: 'hash-of-r1' }]);
  });

  it('runs one sync at a time, so an older view never overwrites a newer one', async () => {
    const devices = new InMemoryDevices();
    const order: string[] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    let calls = 0;
    const sync = new SyncBrokerLoginsHandler(devices, {
      replace: async (d) => {
        const n = ++calls;
        order.push(`start ${n} (${d.length} devices)`);
        if (n === 1) await first;
        order.push(`end ${n}`);
        return true;
      },
    });
    const older = sync.execute();
    await new Promise((r) => setImmediate(r)); // the older run has read its view and is writing it
    devices.add({ deviceId: 't1', tenantId: 'club-a', kind: 'tablet' });
    const newer = sync.execute();
    await new Promise((r) => setImmediate(r));
    release();
    await Promise.all([older, newer]);
    expect(order).toEqual(['start 1 (0 devices)', 'end 1', 'start 2 (1 devices)', 'end 2']);
  });

  it('goes on after a failed run', async () => {
    let calls = 0;
    const sync = new SyncBrokerLoginsHandler(new InMemoryDevices(), {
      replace: async () => {
        if (++calls === 1) throw new Error('disk full');
        return true;
      },
    });
    await expect(sync.execute()).rejects.toThrow('disk full');
    await expect(sync.execute()).resolves.toBe(true);
  });
});
