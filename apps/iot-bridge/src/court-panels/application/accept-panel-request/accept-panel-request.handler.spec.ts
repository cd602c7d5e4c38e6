import { CollectedEvents, InMemoryDevices, InMemoryUnitOfWork } from '../../../../test/support/in-memory';
import { PANEL_ANSWERS } from '../../domain/panel-answer';
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

  it("becomes the matching event in the club and at the court of the panel's login", async () => {
    expect(await accept.execute({ action: 'checkin', panelId: 'p1', memberId: 'm-7', requestedAt: at })).toBe(
      undefined,
    );
    await accept.execute({ action: 'checkout', panelId: 'p1', memberId: 'm-7', requestedAt: at });
    await accept.execute({ action: 'button', panelId: 'p1', requestedAt: at });
    const request = { deviceId: 'p1', courtId: 'court-3', memberId: 'm-7', requestedAt: at.toISOString() };
    expect(events.events.map((e) => [e.type, e.tenantid, e.subject, e.data])).toEqual([
      ['iot.court.checkin-requested.v1', 'club-a', 'p1', request],
      ['iot.court.checkout-requested.v1', 'club-a', 'p1', request],
      [
        'iot.button.pressed.v1',
        'club-a',
        'p1',
        { deviceId: 'p1', courtId: 'court-3', pressedAt: at.toISOString() },
      ],
    ]);
    expect(devices.seenIds).toEqual(['p1', 'p1', 'p1']);
  });

  it('answers a login that is no enabled court panel, publishing nothing', async () => {
    devices.add({ deviceId: 'r1', tenantId: 'club-a', kind: 'rfid-reader', courtId: 'court-3' });
    devices.add({
      deviceId: 'p2',
      tenantId: 'club-a',
      kind: 'court-panel',
      courtId: 'court-3',
      enabled: false,
    });
    for (const panelId of ['r1', 'p2', 'nobody']) {
      expect(await accept.execute({ action: 'button', panelId, requestedAt: at })).toBe(
        PANEL_ANSWERS.unknownPanel,
      );
    }
    expect(events.events).toEqual([]);
  });
});
