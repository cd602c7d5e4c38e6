import {
  aTransaction,
  CollectedEvents,
  InMemoryDevices,
  InMemoryPanelRequests,
  InMemoryTransactions,
} from '../../../../test/support/in-memory';
import { AcceptanceWindow } from '../../../shared/domain/acceptance-window';
import { PANEL_ANSWERS, PANEL_REFUSAL_ANSWERS } from '../../domain/panel-answer';
import { AcceptPanelRequestHandler } from './accept-panel-request.handler';

describe("a court panel's request", () => {
  const at = new Date('2026-01-01T10:00:00Z');
  let devices: InMemoryDevices;
  let requests: InMemoryPanelRequests;
  let events: CollectedEvents;
  let accept: AcceptPanelRequestHandler;

  beforeEach(() => {
    devices = new InMemoryDevices();
    devices.add({ deviceId: 'p1', tenantId: 'club-a', kind: 'court-panel', courtId: 'court-3' });
    requests = new InMemoryPanelRequests();
    events = new CollectedEvents();
    accept = new AcceptPanelRequestHandler(
      devices,
      requests,
      new InMemoryTransactions(),
      events,
      new AcceptanceWindow(60_000, 30_000),
    );
  });
  const panel = { panelId: 'p1', requestedAt: at, receivedAt: new Date(at.getTime() + 2_000) };

  it("becomes the matching event in the club and at the court of the panel's login, with its request id", async () => {
    expect(await accept.execute({ action: 'checkin', requestId: 'q-1', memberId: 'm-7', ...panel })).toBe(
      undefined,
    );
    await accept.execute({ action: 'checkout', requestId: 'q-2', memberId: 'm-7', ...panel });
    await accept.execute({ action: 'button', requestId: 'q-3', ...panel });
    const request = { deviceId: 'p1', courtId: 'court-3', memberId: 'm-7', requestedAt: at.toISOString() };
    expect(events.events.map((e) => [e.type, e.tenantid, e.subject, e.data])).toEqual([
      ['iot.court.checkin-requested.v1', 'club-a', 'p1', { ...request, requestId: 'q-1' }],
      ['iot.court.checkout-requested.v1', 'club-a', 'p1', { ...request, requestId: 'q-2' }],
      [
        'iot.button.pressed.v1',
        'club-a',
        'p1',
        { deviceId: 'p1', courtId: 'court-3', pressedAt: at.toISOString(), requestId: 'q-3' },
      ],
    ]);
    expect(devices.seenIds).toEqual(['p1', 'p1', 'p1']);
  });

  it('takes two members asking in the same second as two requests, and a repeat of either as nothing new', async () => {
    await accept.execute({ action: 'checkin', requestId: 'q-1', memberId: 'ana', ...panel });
    await accept.execute({ action: 'checkin', requestId: 'q-2', memberId: 'bruno', ...panel });
    await accept.execute({ action: 'checkin', requestId: 'q-1', memberId: 'ana', ...panel });
    expect(events.events.map((e) => [(e.data as { memberId: string }).memberId, e.data])).toEqual([
      ['ana', expect.objectContaining({ requestId: 'q-1', requestedAt: at.toISOString() })],
      ['bruno', expect.objectContaining({ requestId: 'q-2', requestedAt: at.toISOString() })],
    ]);
    expect(requests.rows.size).toBe(2);
  });

  it('answers a repeat of a request the gateway refused with that refusal, publishing nothing new', async () => {
    const request = { action: 'checkin', requestId: 'q-1', memberId: 'ana', ...panel } as const;
    expect(await accept.execute(request)).toBe(undefined);
    expect(await accept.execute(request)).toBe(undefined); // no answer yet: nothing to repeat
    await requests.refuse(aTransaction(), {
      tenantId: 'club-a',
      panelId: 'p1',
      requestId: 'q-1',
      action: 'checkin',
      refusal: 'already-on-court',
    });
    expect(await accept.execute(request)).toBe(PANEL_REFUSAL_ANSWERS['already-on-court']);
    expect(events.events).toHaveLength(1);
  });

  it('answers a repeat of a button press video refused (nothing recording) with that refusal, publishing nothing new', async () => {
    const press = { action: 'button', requestId: 'q-b', ...panel } as const;
    expect(await accept.execute(press)).toBe(undefined);
    await requests.refuse(aTransaction(), {
      tenantId: 'club-a',
      panelId: 'p1',
      requestId: 'q-b',
      action: 'button',
      refusal: 'no-recording',
    });
    expect(await accept.execute(press)).toEqual({
      status: 'denied',
      message: 'Nenhuma gravação nesta quadra',
      color: 'red',
    });
    expect(events.events.map((e) => e.type)).toEqual(['iot.button.pressed.v1']);
  });

  it('answers a login that is no enabled court panel, recording and publishing nothing', async () => {
    devices.add({ deviceId: 'r1', tenantId: 'club-a', kind: 'rfid-reader', courtId: 'court-3' });
    devices.add({
      deviceId: 'p2',
      tenantId: 'club-a',
      kind: 'court-panel',
      courtId: 'court-3',
      enabled: false,
    });
    for (const panelId of ['r1', 'p2', 'nobody']) {
      expect(await accept.execute({ action: 'button', ...panel, panelId, requestId: 'q-1' })).toBe(
        PANEL_ANSWERS.unknownPanel,
      );
    }
    expect(events.events).toEqual([]);
    expect(requests.rows.size).toBe(0);
  });

  it('records a request outside the acceptance window as refused, answers it so, and publishes nothing', async () => {
    const threeHoursLater = new Date(at.getTime() + 3 * 3_600_000);
    const late = { ...panel, receivedAt: threeHoursLater };
    expect(await accept.execute({ action: 'checkin', requestId: 'q-old', memberId: 'ana', ...late })).toBe(
      PANEL_ANSWERS.expired,
    );
    expect(await accept.execute({ action: 'button', requestId: 'q-old-button', ...late })).toBe(
      PANEL_ANSWERS.expired,
    );
    const ahead = { ...panel, receivedAt: new Date(at.getTime() - 120_000) };
    expect(
      await accept.execute({ action: 'checkout', requestId: 'q-ahead', memberId: 'ana', ...ahead }),
    ).toBe(PANEL_ANSWERS.clockAhead);
    // A repeat of a refused request is refused again, even once its clock would pass.
    expect(await accept.execute({ action: 'checkin', requestId: 'q-old', memberId: 'ana', ...panel })).toBe(
      PANEL_ANSWERS.expired,
    );
    expect(events.events).toEqual([]);
    expect([...requests.rows.values()].map((r) => [r.requestId, r.outcome])).toEqual([
      ['q-old', 'device-request-expired'],
      ['q-old-button', 'device-request-expired'],
      ['q-ahead', 'device-clock-ahead'],
    ]);
  });
});
