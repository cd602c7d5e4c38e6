import { CollectedEvents, InMemoryDevices, InMemoryUnitOfWork } from '../../../../test/support/in-memory';
import { AcceptPanelRequestHandler } from './accept-panel-request.handler';

describe("a court panel's request", () => {
  const at = new Date('2026-01-01T10:00:00Z');
  let devices: InMemoryDevices;
  let events: CollectedEvents;
  let accept: AcceptPanelRequestHandler;

  beforeEach(() => {
    devices = new InMemoryDevices();
    devices.add({ deviceId: 'p1', tenantId: 'club-a', kind: 'court-panel', courtId: 'court-3' });
    events = new CollectedEvents();
    accept = new AcceptPanelRequestHandler(devices, new InMemoryUnitOfWork(), events);
  });

  it("becomes the matching device event in the panel's club, and the panel is seen", async () => {
    const panel = { courtId: 'court-3', deviceId: 'p1', requestedAt: at };
    await accept.execute({ action: 'checkin', memberId: 'm-7', ...panel }, 'topic');
    await accept.execute({ action: 'checkout', memberId: 'm-7', ...panel }, 'topic');
    await accept.execute({ action: 'button', ...panel }, 'topic');
    expect(events.events.map((e) => [e.type, e.tenantid, e.subject, e.data])).toEqual([
      [
        'iot.court.checkin-requested.v1',
        'club-a',
        'p1',
        { deviceId: 'p1', courtId: 'court-3', memberId: 'm-7', requestedAt: at.toISOString() },
      ],
      [
        'iot.court.checkout-requested.v1',
        'club-a',
        'p1',
        { deviceId: 'p1', courtId: 'court-3', memberId: 'm-7', requestedAt: at.toISOString() },
      ],
      [
        'iot.button.pressed.v1',
        'club-a',
        'p1',
        { deviceId: 'p1', courtId: 'court-3', pressedAt: at.toISOString() },
      ],
    ]);
    expect(devices.seenIds).toEqual(['p1', 'p1', 'p1']);
  });

  it('drops a request from a device that is no enabled panel of that court', async () => {
    devices.add({ deviceId: 'r1', tenantId: 'club-a', kind: 'rfid-reader', courtId: 'court-3' });
    await accept.execute({ action: 'button', courtId: 'court-4', deviceId: 'p1', requestedAt: at }, 'topic');
    await accept.execute({ action: 'button', courtId: 'court-3', deviceId: 'r1', requestedAt: at }, 'topic');
    expect(events.events).toEqual([]);
  });
});
