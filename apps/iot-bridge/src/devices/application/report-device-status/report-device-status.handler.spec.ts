import { CollectedEvents, InMemoryDevices, InMemoryTransactions } from '../../../../test/support/in-memory';
import { ReportDeviceStatusHandler } from './report-device-status.handler';

describe("a tablet's or camera's status report", () => {
  const at = new Date('2026-01-01T10:00:00Z');

  it("becomes an event in the tablet's club only when the status changed, in v1 and v2", async () => {
    const devices = new InMemoryDevices();
    devices.add({ deviceId: 't1', tenantId: 'club-a', kind: 'tablet' });
    const events = new CollectedEvents();
    const report = new ReportDeviceStatusHandler(devices, new InMemoryTransactions(), events);

    await report.execute({
      deviceId: 't1',
      kind: 'tablet',
      status: 'online',
      batteryPercent: 80,
      reportedAt: at,
    });
    await report.execute({
      deviceId: 't1',
      kind: 'tablet',
      status: 'online',
      batteryPercent: 79,
      reportedAt: at,
    });
    await report.execute({ deviceId: 't1', kind: 'tablet', status: 'error', reportedAt: at });

    const online = {
      deviceId: 't1',
      kind: 'tablet',
      status: 'online',
      batteryPercent: 80,
      reportedAt: at.toISOString(),
    };
    const error = {
      deviceId: 't1',
      kind: 'tablet',
      status: 'error',
      previousStatus: 'online',
      reportedAt: at.toISOString(),
    };
    expect(events.events.map((e) => [e.type, e.tenantid, e.data])).toEqual([
      ['iot.device.status-changed.v1', 'club-a', online],
      ['iot.device.status-changed.v2', 'club-a', online],
      ['iot.device.status-changed.v1', 'club-a', error],
      ['iot.device.status-changed.v2', 'club-a', error],
    ]);
  });

  it('reports a camera in v2 only, since v1 has no camera', async () => {
    const devices = new InMemoryDevices();
    devices.add({ deviceId: 'cam1', tenantId: 'club-a', kind: 'camera', courtId: 'c1' });
    const events = new CollectedEvents();
    const report = new ReportDeviceStatusHandler(devices, new InMemoryTransactions(), events);

    await report.execute({ deviceId: 'cam1', kind: 'camera', status: 'online', reportedAt: at });

    expect(events.events.map((e) => [e.type, e.data])).toEqual([
      [
        'iot.device.status-changed.v2',
        { deviceId: 'cam1', kind: 'camera', status: 'online', reportedAt: at.toISOString() },
      ],
    ]);
  });

  it('drops a report from a device that is unknown, disabled or not of the topic’s kind', async () => {
    const devices = new InMemoryDevices();
    devices.add({ deviceId: 't1', tenantId: 'club-a', kind: 'tablet', enabled: false });
    devices.add({ deviceId: 'r1', tenantId: 'club-a', kind: 'rfid-reader', courtId: 'c1' });
    const events = new CollectedEvents();
    const report = new ReportDeviceStatusHandler(devices, new InMemoryTransactions(), events);
    for (const deviceId of ['t1', 'r1', 'nobody']) {
      await report.execute({ deviceId, kind: 'tablet', status: 'online', reportedAt: at });
    }
    await report.execute({ deviceId: 'r1', kind: 'camera', status: 'online', reportedAt: at });
    expect(events.events).toEqual([]);
    expect(devices.rows.get('t1')?.status).toBeNull();
  });
});
