import { InMemoryDevices } from '../../../../test/support/in-memory';
import { ListDevicesHandler } from './list-devices.handler';

describe("listing a club's devices", () => {
  it("shows the club's own devices of the kind asked, never a credential", async () => {
    const devices = new InMemoryDevices();
    devices.add({ deviceId: 'r1', tenantId: 'club-a', kind: 'rfid-reader', courtId: 'c1' });
    devices.add({ deviceId: 't1', tenantId: 'club-a', kind: 'tablet' });
    devices.add({ deviceId: 'r2', tenantId: 'club-b', kind: 'rfid-reader', courtId: 'c1' });
    const list = new ListDevicesHandler(devices);

    const all = await list.execute({ tenantId: 'club-a' });
    expect(all.map((d) => d.deviceId)).toEqual(['r1', 't1']);
    for (const d of all) expect(d).not.toHaveProperty('credentialHash');
    expect((await list.execute({ tenantId: 'club-a', kind: 'tablet' })).map((d) => d.deviceId)).toEqual([
      't1',
    ]);
  });
});
