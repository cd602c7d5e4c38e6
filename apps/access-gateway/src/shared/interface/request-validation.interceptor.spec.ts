import { unexpectedBody, unstorableText } from './request-validation.interceptor';

describe('unstorableText', () => {
  it('names every string holding U+0000 or a lone surrogate, at any depth, and passes real text', () => {
    expect(
      unstorableText({
        name: 'a\u0000b',
        members: [{ memberId: 'ok' }, { name: 'x\ud800' }],
        fine: 'Quadra 🎾 ção',
        n: 3,
      }),
    ).toEqual([
      { field: 'name', reason: expect.stringContaining('U+0000') },
      { field: 'members.1.name', reason: expect.stringContaining('surrogate') },
    ]);
    expect(unstorableText({ ok: '\ud83c\udfbe', also: '\udfbe'.slice(1) })).toEqual([]);
    expect(unstorableText('\udfbe')).toEqual([{ field: '(body)', reason: expect.any(String) }]);
  });
});

describe('unexpectedBody', () => {
  it('names a body sent to a route that reads none, but lets no body and {} through', () => {
    expect(unexpectedBody(undefined)).toEqual([]);
    expect(unexpectedBody({})).toEqual([]);
    for (const body of [{ memberId: 'someone-else' }, [], 'x', 0, null]) {
      expect(unexpectedBody(body)).toEqual([{ field: 'body', reason: 'this route takes no body' }]);
    }
  });
});
