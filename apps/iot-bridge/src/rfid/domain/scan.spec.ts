import { ANSWERS, answerFor, scanPayload } from './scan';

describe('RFID scan payload', () => {
  const valid = { scan_id: 's-1', card_id: '04a2b3c4d5', timestamp: '2025-11-29T18:00:00-03:00' };

  it('accepts the firmware fields and compares card UIDs upper-case', () => {
    expect(scanPayload.parse(valid)).toEqual({ ...valid, card_id: '04A2B3C4D5' });
  });

  it.each([
    ['no scan id', { ...valid, scan_id: undefined }, 'scan_id'],
    ['a card UID that is not hex', { ...valid, card_id: 'ZZZZZZZZ' }, 'card_id'],
    ['a short UID', { ...valid, card_id: '04A2' }, 'card_id'],
    ['no clock', { ...valid, timestamp: 'yesterday' }, 'timestamp'],
  ])('refuses %s, naming the field', (_label, payload, field) => {
    const result = scanPayload.safeParse(payload);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual([field]);
  });
});

describe('door answers', () => {
  it('grants a completed check-in in green', () => {
    expect(answerFor({ type: 'completed' })).toEqual({
      status: 'granted',
      message: 'Acesso liberado',
      color: 'green',
    });
  });

  it('tells a short wallet apart from other rejections', () => {
    expect(answerFor({ type: 'rejected', reason: 'insufficient credit' })).toBe(ANSWERS.noCredit);
    expect(
      answerFor({ type: 'rejected', reason: 'insufficient credit and the top-up failed: card declined' }),
    ).toBe(ANSWERS.noCredit);
    expect(answerFor({ type: 'rejected', reason: 'something else' })).toBe(ANSWERS.refused);
  });

  it('names the card problem, and asks to wait while a check-in is running', () => {
    expect(answerFor({ type: 'refused', code: 'unknown-card' }).message).toBe('Cartão não cadastrado');
    expect(answerFor({ type: 'refused', code: 'check-in-in-progress' }).color).toBe('yellow');
  });

  it('keeps every message short enough for a door display', () => {
    for (const answer of Object.values(ANSWERS)) expect(answer.message.length).toBeLessThanOrEqual(40);
  });
});
