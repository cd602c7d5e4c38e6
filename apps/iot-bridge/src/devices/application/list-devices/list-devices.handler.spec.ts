import { InMemoryDevices } from '../../../../test/support/in-memory';
import { ListDevicesHandler } from './list-devices.handler';

describe("listing a club's devices", () => {
  it("shows the club's own devices of the kinds asked, never a credential", async () => {
    const devices = new InMemoryDevices();
    devices.add({ deviceId: 'r1', tenantId: 'club-a', kind: 'rfid-reader', courtId: 'c1' });
    devices.add({ deviceId: 't1', tenantId: 'club-a', kind: 'tablet' });
    devices.add({ deviceId: 'r2', tenantId: 'club-b', kind: 'rfid-reader', courtId: 'c1' });
    const list = new ListDevicesHandler(devices);

    const all = await list.execute({ tenantId: 'club-a' });
    expect(all.map((d) => d.deviceId)).toEqual(['r1', 't1']);
    for (const d of all) expect(d).not.toHaveProperty('credentialHash');
    expect((await list.execute({ tenantId: 'club-a', kinds: ['tablet'] })).map((d) => d.deviceId)).toEqual([
      't1',
    ]);
  });

  it('answers the video service: the enabled cameras of one court', async () => {
    const devices = new InMemoryDevices();
    devices.add({ deviceId: 'cam1', tenantId: 'club-a', kind: 'camera', courtId: 'c1' });
    devices.add({ deviceId: 'cam2', tenantId: 'club-a', kind: 'camera', courtId: 'c1', enabled: false });
    devices.add({ deviceId: 'cam3', tenantId: 'club-a', kind: 'camera', courtId: 'c2' });
    devices.add({ deviceId: 'p1', tenantId: 'club-a', kind: 'court-panel', courtId: 'c1' });
    devices.add({ deviceId: 'cam4', tenantId: 'club-b', kind: 'camera', courtId: 'c1' });
    const list = new ListDevicesHandler(devices);

    const cameras = await list.execute({
      tenantId: 'club-a',
      kinds: ['camera'],
      courtId: 'c1',
      enabled: true,
    });
    expect(cameras.map((d) => d.deviceId)).toEqual(['cam1']);
  });
});
