import { InMemoryTransactions, RecordingBroker } from '../../../../test/support/in-memory';
import { InMemoryScans } from '../../../../test/support/in-memory-scans';
import { ANSWERS } from '../../domain/scan-answer';
import { DeliverScanAnswersHandler } from './deliver-scan-answers.handler';

describe('delivering scan answers', () => {
  it('times out overdue scans, then sends each answer once to its reader', async () => {
    const scans = new InMemoryScans();
    scans.add({ readerId: 'r1', scanId: 's-1', answer: ANSWERS.granted });
    scans.add({ readerId: 'r2', scanId: 's-2', answerBy: new Date(Date.now() - 1) });
    scans.add({ readerId: 'r3', scanId: 's-3', answerBy: new Date(Date.now() + 60_000) });
    const broker = new RecordingBroker();
    const deliver = new DeliverScanAnswersHandler(scans, new InMemoryTransactions(), broker);

    expect(await deliver.execute()).toBe(2);
    expect(await deliver.execute()).toBe(0);
    expect(broker.published).toEqual([
      { topic: 'rfid/r1/response', message: { scanId: 's-1', ...ANSWERS.granted } },
      { topic: 'rfid/r2/response', message: { scanId: 's-2', ...ANSWERS.timeout } },
    ]);
  });

  it('stops at the first answer the broker does not take, and sends the rest later', async () => {
    const scans = new InMemoryScans();
    scans.add({ readerId: 'r1', scanId: 's-1', answer: ANSWERS.granted });
    scans.add({ readerId: 'r2', scanId: 's-2', answer: ANSWERS.noCredit });
    const broker = new RecordingBroker();
    broker.failAfter = 1;
    const deliver = new DeliverScanAnswersHandler(scans, new InMemoryTransactions(), broker);

    expect(await deliver.execute()).toBe(1);
    broker.failAfter = Infinity;
    expect(await deliver.execute()).toBe(1);
    expect(broker.published.map((p) => p.topic)).toEqual(['rfid/r1/response', 'rfid/r2/response']);
  });
});
