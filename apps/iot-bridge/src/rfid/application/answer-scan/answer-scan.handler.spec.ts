import { randomUUID } from 'node:crypto';
import { aTransaction } from '../../../../test/support/in-memory';
import { InMemoryScans } from '../../../../test/support/in-memory-scans';
import { ANSWERS } from '../../domain/scan-answer';
import { AnswerScanHandler } from './answer-scan.handler';

describe("a check-in's outcome at the door", () => {
  it('answers the scan of that flow in its club, replacing a "try again" but nothing else', async () => {
    const scans = new InMemoryScans();
    const flow = randomUUID();
    scans.add({ readerId: 'r1', scanId: 's-1', tenantId: 'club-a', correlationId: flow });
    const answer = new AnswerScanHandler(scans);

    await answer.execute(aTransaction(), {
      tenantId: 'club-b',
      correlationId: flow,
      outcome: { type: 'completed' },
    });
    expect(scans.rows.get('r1/s-1')?.answer).toBeNull();

    scans.rows.get('r1/s-1')!.answer = ANSWERS.timeout;
    scans.rows.get('r1/s-1')!.answeredBy = 'timeout';
    await answer.execute(aTransaction(), {
      tenantId: 'club-a',
      correlationId: flow,
      outcome: { type: 'completed' },
    });
    expect(scans.rows.get('r1/s-1')).toMatchObject({ answer: ANSWERS.granted, answeredBy: 'check-in' });

    await answer.execute(aTransaction(), {
      tenantId: 'club-a',
      correlationId: flow,
      outcome: { type: 'rejected', reason: 'insufficient credit' },
    });
    expect(scans.rows.get('r1/s-1')?.answer).toBe(ANSWERS.granted);
  });

  it('ignores flows no scan can have started', async () => {
    const scans = new InMemoryScans();
    const answered = jest.spyOn(scans, 'answer');
    await new AnswerScanHandler(scans).execute(aTransaction(), {
      tenantId: 'club-a',
      correlationId: 'app-check-in-1',
      outcome: { type: 'completed' },
    });
    expect(answered).not.toHaveBeenCalled();
  });
});
