import { DISPLAY_CHARS } from '../../shared/domain/device-answer';
import { ANSWERS, answerFor } from './scan-answer';

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
    for (const answer of Object.values(ANSWERS))
      expect(answer.message.length).toBeLessThanOrEqual(DISPLAY_CHARS);
  });
});
