import { aTransaction, InMemoryPanelRequests } from '../../../../test/support/in-memory';
import type { PanelRequestRecord } from '../ports/panel-request.repository.port';
import { AnswerPanelRequestHandler, type RefusePanelRequestCommand } from './answer-panel-request.handler';

describe("the gateway's or video's refusal of a panel's request", () => {
  let requests: InMemoryPanelRequests;
  let answer: AnswerPanelRequestHandler;
  const tx = aTransaction();
  const taken = (r: Partial<PanelRequestRecord> & Pick<PanelRequestRecord, 'requestId'>) =>
    requests.record(tx, {
      panelId: 'p1',
      tenantId: 'club-a',
      courtId: 'court-3',
      action: 'checkin',
      memberId: 'ana',
      requestedAt: new Date(),
      outcome: 'accepted',
      ...r,
    });
  const refusal: RefusePanelRequestCommand = {
    tenantId: 'club-a',
    panelId: 'p1',
    requestId: 'q-1',
    action: 'checkin',
    refusal: 'member-suspended',
  };
  const noRecording: RefusePanelRequestCommand = {
    tenantId: 'club-a',
    panelId: 'p1',
    requestId: 'q-b',
    action: 'button',
    refusal: 'no-recording',
  };

  beforeEach(() => {
    requests = new InMemoryPanelRequests();
    answer = new AnswerPanelRequestHandler(requests);
  });

  it('is kept with the request, once, to be delivered', async () => {
    await taken({ requestId: 'q-1' });
    expect(await answer.execute(tx, refusal)).toBe(true);
    expect(await answer.execute(tx, { ...refusal, refusal: 'not-a-member' })).toBe(false); // a duplicate
    expect(requests.rows.get('p1/q-1')).toMatchObject({ refusal: 'member-suspended', deliveredAt: null });
    expect(await requests.claimUndelivered(tx, 10)).toEqual([
      { panelId: 'p1', requestId: 'q-1', refusal: 'member-suspended' },
    ]);
  });

  it("keeps a check-out's refusal on the check-out", async () => {
    await taken({ requestId: 'q-2', action: 'checkout' });
    expect(await answer.execute(tx, { ...refusal, requestId: 'q-2', action: 'checkin' })).toBe(false);
    expect(
      await answer.execute(tx, {
        ...refusal,
        requestId: 'q-2',
        action: 'checkout',
        refusal: 'no-open-session',
      }),
    ).toBe(true);
    expect(requests.rows.get('p1/q-2')!.refusal).toBe('no-open-session');
  });

  it("keeps video's refusal of a button press (nothing recording) once, to be delivered", async () => {
    await taken({ requestId: 'q-b', action: 'button', memberId: null });
    expect(await answer.execute(tx, noRecording)).toBe(true);
    expect(await answer.execute(tx, noRecording)).toBe(false); // published twice, redelivered
    expect(requests.rows.get('p1/q-b')).toMatchObject({ refusal: 'no-recording', deliveredAt: null });
    expect(await requests.claimUndelivered(tx, 10)).toEqual([
      { panelId: 'p1', requestId: 'q-b', refusal: 'no-recording' },
    ]);
  });

  it("changes nothing for a press another club's video refused, nor for a check-in of the same id", async () => {
    await taken({ requestId: 'q-b', action: 'button', memberId: null });
    await taken({ requestId: 'q-1' });
    expect(await answer.execute(tx, { ...noRecording, tenantId: 'club-b' })).toBe(false);
    expect(await answer.execute(tx, { ...noRecording, requestId: 'q-1' })).toBe(false);
    expect(await answer.execute(tx, { ...refusal, requestId: 'q-b' })).toBe(false);
    expect(await requests.claimUndelivered(tx, 10)).toEqual([]);
  });

  it("changes nothing for a request the bridge does not know, another club's, or one it refused itself", async () => {
    await taken({ requestId: 'q-late', outcome: 'device-request-expired' });
    await taken({ requestId: 'q-1' });
    await taken({ requestId: 'q-b-late', action: 'button', memberId: null, outcome: 'device-clock-ahead' });
    expect(await answer.execute(tx, { ...refusal, requestId: 'q-unknown' })).toBe(false);
    expect(await answer.execute(tx, { ...refusal, tenantId: 'club-b' })).toBe(false);
    expect(await answer.execute(tx, { ...refusal, requestId: 'q-late' })).toBe(false);
    expect(await answer.execute(tx, { ...noRecording, requestId: 'q-b-late' })).toBe(false);
    expect(await requests.claimUndelivered(tx, 10)).toEqual([]);
  });
});
