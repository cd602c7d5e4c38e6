import { AccessRfidScanRefusedV1, AccessRfidScanRefusedV2 } from '@sportclub/contracts';
import { DISPLAY_CHARS } from '../../shared/domain/device-answer';
import { ANSWERS, answerFor, REFUSAL_ANSWERS, type RefusalCode } from './scan-answer';

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

  it.each([AccessRfidScanRefusedV1, AccessRfidScanRefusedV2])(
    'has a message of its own for every refusal code of %s',
    (contract) => {
      const codes = (contract.schema.properties as { code: { enum: RefusalCode[] } }).code.enum;
      for (const code of codes) {
        const answer = answerFor({ type: 'refused', code });
        expect(answer).toBe(REFUSAL_ANSWERS[code]);
        expect(answer.status).toBe('denied');
      }
      expect(new Set(codes.map((code) => REFUSAL_ANSWERS[code].message)).size).toBe(codes.length);
    },
  );

  it('tells a suspended member why, and a scan too old to try again', () => {
    expect(answerFor({ type: 'refused', code: 'member-suspended' })).toEqual({
      status: 'denied',
      message: 'Acesso negado: sócio suspenso',
      color: 'red',
    });
    expect(answerFor({ type: 'refused', code: 'device-request-expired' })).toBe(ANSWERS.expired);
  });
});
