import {
  CallTimeoutError,
  httpStatusOf,
  isClientError,
  isTransientError,
  mayHaveReachedVendor,
} from './resilience.errors';

const withProps = (props: object, message = 'vendor error') => Object.assign(new Error(message), props);

describe('isTransientError', () => {
  it.each([
    ['ECONNRESET code', withProps({ code: 'ECONNRESET' })],
    ['ECONNREFUSED code', withProps({ code: 'ECONNREFUSED' })],
    ['ETIMEDOUT code', withProps({ code: 'ETIMEDOUT' })],
    ['EAI_AGAIN code', withProps({ code: 'EAI_AGAIN' })],
    ['socket hang up', new Error('socket hang up')],
    [
      'fetch failure with a coded cause',
      new TypeError('fetch failed', { cause: withProps({ code: 'ECONNRESET' }) }),
    ],
    ['our timeout', new CallTimeoutError('stripe', 'charge', 100)],
    ['status 503', withProps({ status: 503 })],
    ['Stripe statusCode 500', withProps({ statusCode: 500 })],
    ['axios response.status 502', withProps({ response: { status: 502 } })],
    ['408', withProps({ status: 408 })],
    ['429', withProps({ statusCode: 429 })],
  ])('retries %s', (_, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['400', withProps({ status: 400 })],
    ['401', withProps({ status: 401 })],
    ['402 card declined', withProps({ statusCode: 402 })],
    ['404', withProps({ response: { status: 404 } })],
    ['a 4xx even with a network-looking code', withProps({ status: 422, code: 'ECONNRESET' })],
    ['plain error', new Error('boom')],
    ['ENOTFOUND', withProps({ code: 'ENOTFOUND' })],
    ['non-numeric status', withProps({ status: '503' })],
    ['a thrown string', 'ECONNRESET'],
    ['undefined', undefined],
  ])('does not retry %s', (_, error) => {
    expect(isTransientError(error)).toBe(false);
  });
});

describe('mayHaveReachedVendor', () => {
  it.each([
    ['our timeout', new CallTimeoutError('twilio', 'send-sms', 10_000), true],
    ["axios's timeout", withProps({ code: 'ECONNABORTED' }, 'timeout of 10000ms exceeded'), true],
    [
      'a reset mid-exchange',
      new TypeError('fetch failed', { cause: withProps({ code: 'ECONNRESET' }) }),
      true,
    ],
    ['socket hang up', new Error('socket hang up'), true],
    ['500', withProps({ status: 500 }), true],
    ['504 from a gateway', withProps({ response: { status: 504 } }), true],
    ['a refused connection', withProps({ code: 'ECONNREFUSED' }), false],
    ['a name that did not resolve', withProps({ code: 'EAI_AGAIN' }), false],
    ['503', withProps({ status: 503 }), false],
    ['429', withProps({ statusCode: 429 }), false],
    ['400', withProps({ status: 400 }), false],
  ])('%s → %s', (_, error, expected) => {
    expect(mayHaveReachedVendor(error)).toBe(expected);
  });
});

describe('isClientError', () => {
  it('is true for 4xx except 408 and 429', () => {
    expect([400, 401, 402, 403, 404, 409, 422].map((status) => isClientError({ status }))).toEqual(
      Array(7).fill(true),
    );
    expect([408, 429, 500, 503].map((status) => isClientError({ status }))).toEqual(Array(4).fill(false));
    expect(isClientError(new Error('ECONNRESET'))).toBe(false);
  });
});

describe('httpStatusOf', () => {
  it('reads status, statusCode and response.status, ignoring non-HTTP numbers', () => {
    expect(httpStatusOf({ status: 404 })).toBe(404);
    expect(httpStatusOf({ statusCode: 402 })).toBe(402);
    expect(httpStatusOf({ response: { status: 503 } })).toBe(503);
    expect(httpStatusOf({ status: 0 })).toBeUndefined();
    expect(httpStatusOf({ status: 42.5 })).toBeUndefined();
    expect(httpStatusOf(null)).toBeUndefined();
  });
});
