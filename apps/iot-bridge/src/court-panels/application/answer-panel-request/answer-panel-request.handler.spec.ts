import { aTransaction, InMemoryPanelRequests } from '../../../../test/support/in-memory';
import type { PanelRequestRecord } from '../ports/panel-request.repository.port';
import { AnswerPanelRequestHandler } from './answer-panel-request.handler';

describe("the gateway's refusal of a panel's request", () => {
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
  const refusal = {
    tenantId: 'club-a',
    panelId: 'p1',
    requestId: 'q-1',
    operation: 'check-in',
    code: 'member-suspended',
  } as const;

  beforeEach(() => {
    requests = new InMemoryPanelRequests();
    answer = new AnswerPanelRequestHandler(requests);
  });

  it('is kept with the request, once, to be delivered', async () => {
    await taken({ requestId: 'q-1' });
    expect(await answer.execute(tx, refusal)).toBe(true);
    expect(await answer.execute(tx, { ...refusal, code: 'not-a-member' })).toBe(false); // a duplicate
    expect(requests.rows.get('p1/q-1')).toMatchObject({ refusal: 'member-suspended', deliveredAt: null });
    expect(await requests.claimUndelivered(tx, 10)).toEqual([
      { panelId: 'p1', requestId: 'q-1', refusal: 'member-suspended' },
    ]);
  });

  it("keeps a check-out's refusal on the check-out", async () => {
    await taken({ requestId: 'q-2', action: 'checkout' });
    expect(await answer.execute(tx, { ...refusal, requestId: 'q-2', operation: 'check-in' })).toBe(false);
    expect(
      await answer.execute(tx, {
        ...refusal,
        requestId: 'q-2',
        operation: 'check-out',
        code: 'no-open-session',
      }),
    ).toBe(true);
    expect(requests.rows.get('p1/q-2')!.refusal).toBe('no-open-session');
  });

  it("changes nothing for a request the bridge does not know, another club's, or one it refused itself", async () => {
    await taken({ requestId: 'q-late', outcome: 'device-request-expired' });
    await taken({ requestId: 'q-1' });
    expect(await answer.execute(tx, { ...refusal, requestId: 'q-unknown' })).toBe(false);
    expect(await answer.execute(tx, { ...refusal, tenantId: 'club-b' })).toBe(false);
    expect(await answer.execute(tx, { ...refusal, requestId: 'q-late' })).toBe(false);
    expect(await requests.claimUndelivered(tx, 10)).toEqual([]);
  });
});
