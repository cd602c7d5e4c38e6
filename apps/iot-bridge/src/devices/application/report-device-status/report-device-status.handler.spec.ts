import { CollectedEvents, InMemoryDevices, InMemoryTransactions } from '../../../../test/support/in-memory';
import { ReportTabletStatusHandler } from './report-tablet-status.handler';

describe("a tablet's status report", () => {
  const at = new Date('2026-01-01T10:00:00Z');

  it("becomes an event in the tablet's club only when the status changed", async () => {
    const devices = new InMemoryDevices();
    devices.add({ deviceId: 't1', tenantId: 'club-a', kind: 'tablet' });
    const events = new CollectedEvents();
    const report = new ReportTabletStatusHandler(devices, new InMemoryTransactions(), events);

    await report.execute({ tabletId: 't1', status: 'online', batteryPercent: 80, reportedAt: at });
    await report.execute({ tabletId: 't1', status: 'online', batteryPercent: 79, reportedAt: at });
    await report.execute({ tabletId: 't1', status: 'error', reportedAt: at });

    expect(events.events.map((e) => [e.tenantid, e.data])).toEqual([
      [
        'club-a',
        {
          deviceId: 't1',
          kind: 'tablet',
          status: 'online',
          batteryPercent: 80,
          reportedAt: at.toISOString(),
        },
      ],
      [
        'club-a',
        {
          deviceId: 't1',
          kind: 'tablet',
          status: 'error',
          previousStatus: 'online',
          reportedAt: at.toISOString(),
        },
      ],
    ]);
  });

  it('drops a report from a tablet that is unknown or disabled', async () => {
    const devices = new InMemoryDevices();
    devices.add({ deviceId: 't1', tenantId: 'club-a', kind: 'tablet', enabled: false });
    devices.add({ deviceId: 'r1', tenantId: 'club-a', kind: 'rfid-reader', courtId: 'c1' });
    const events = new CollectedEvents();
    const report = new ReportTabletStatusHandler(devices, new InMemoryTransactions(), events);
    for (const tabletId of ['t1', 'r1', 'nobody']) {
      await report.execute({ tabletId, status: 'online', reportedAt: at });
    }
    expect(events.events).toEqual([]);
    expect(devices.rows.get('t1')?.status).toBeNull();
  });
});
