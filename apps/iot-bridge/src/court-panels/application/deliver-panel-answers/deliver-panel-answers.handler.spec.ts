import {
  aTransaction,
  InMemoryPanelRequests,
  InMemoryTransactions,
  RecordingBroker,
} from '../../../../test/support/in-memory';
import { PANEL_REFUSAL_ANSWERS } from '../../domain/panel-answer';
import { DeliverPanelAnswersHandler } from './deliver-panel-answers.handler';

describe("delivering the gateway's and video's refusals to panels", () => {
  const tx = aTransaction();
  let requests: InMemoryPanelRequests;
  let broker: RecordingBroker;
  let deliver: DeliverPanelAnswersHandler;

  beforeEach(async () => {
    requests = new InMemoryPanelRequests();
    broker = new RecordingBroker();
    deliver = new DeliverPanelAnswersHandler(requests, new InMemoryTransactions(), broker);
    for (const [panelId, requestId, action] of [
      ['p1', 'q-1', 'checkin'],
      ['p2', 'q-2', 'checkout'],
      ['p1', 'q-3', 'checkin'],
      ['p3', 'q-4', 'button'],
    ] as const) {
      await requests.record(tx, {
        panelId,
        requestId,
        tenantId: 'club-a',
        courtId: 'court-3',
        action,
        memberId: action === 'button' ? null : 'ana',
        requestedAt: new Date(),
        outcome: 'accepted',
      });
    }
    await requests.refuse(tx, {
      tenantId: 'club-a',
      panelId: 'p1',
      requestId: 'q-1',
      action: 'checkin',
      refusal: 'member-suspended',
    });
    await requests.refuse(tx, {
      tenantId: 'club-a',
      panelId: 'p2',
      requestId: 'q-2',
      action: 'checkout',
      refusal: 'no-open-session',
    });
    await requests.refuse(tx, {
      tenantId: 'club-a',
      panelId: 'p3',
      requestId: 'q-4',
      action: 'button',
      refusal: 'no-recording',
    });
  });

  it('sends each refusal once to its panel, in pt-BR, naming the request; a request not refused gets nothing', async () => {
    expect(await deliver.execute()).toBe(3);
    expect(await deliver.execute()).toBe(0);
    expect(broker.published).toEqual([
      {
        topic: 'panel/p1/response',
        message: {
          requestId: 'q-1',
          status: 'denied',
          message: 'Acesso negado: sócio suspenso',
          color: 'red',
        },
      },
      {
        topic: 'panel/p2/response',
        message: { requestId: 'q-2', ...PANEL_REFUSAL_ANSWERS['no-open-session'] },
      },
      {
        topic: 'panel/p3/response',
        message: {
          requestId: 'q-4',
          status: 'denied',
          message: 'Nenhuma gravação nesta quadra',
          color: 'red',
        },
      },
    ]);
  });

  it('stops at the first refusal the broker does not take, and sends the rest later', async () => {
    broker.failAfter = 1;
    expect(await deliver.execute()).toBe(1);
    expect(await deliver.execute()).toBe(0);
    broker.failAfter = Infinity;
    expect(await deliver.execute()).toBe(2);
    expect(broker.published.map((p) => p.topic)).toEqual([
      'panel/p1/response',
      'panel/p2/response',
      'panel/p3/response',
    ]);
  });
});
