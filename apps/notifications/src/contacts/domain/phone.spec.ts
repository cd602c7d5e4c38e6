import { isMobile, toE164 } from './phone';

describe('toE164', () => {
  it.each([
    ['(11) 98765-4321', '+5511987654321'],
    ['11987654321', '+5511987654321'],
    ['+55 11 98765 4321', '+5511987654321'],
    ['5511987654321', '+5511987654321'],
    ['0055 21 99876 5432', '+5521998765432'],
    ['(11) 3456-7890', '+551134567890'],
    ['+1 415 555 2671', '+14155552671'],
  ])('reads %s as %s', (input, e164) => expect(toE164(input)).toBe(e164));

  it.each(['', 'abc', '123', '(11) 1234', '+55 00 00000 0000'])('refuses %j', (input) =>
    expect(toE164(input)).toBeUndefined(),
  );
});

describe('isMobile', () => {
  it('tells a Brazilian mobile from a landline', () => {
    expect(isMobile('+5511987654321')).toBe(true);
    expect(isMobile('+551134567890')).toBe(false);
  });
});
