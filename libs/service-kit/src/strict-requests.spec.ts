import { requestProblem } from './strict-requests';

const req = (method: string, rawHeaders: string[], url = '/v1/check-ins') => {
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) headers[rawHeaders[i].toLowerCase()] ??= rawHeaders[i + 1];
  return { method, url, rawHeaders, headers };
};

describe('requestProblem', () => {
  it('refuses a second Authorization header, whatever its case', () => {
    expect(
      requestProblem(req('GET', ['Authorization', 'Bearer a', 'authorization', 'Bearer b'])),
    ).toMatchObject({ status: 400, error: 'duplicate_header', field: 'authorization' });
  });

  it.each(['mux-signature', 'stripe-signature', 'x-goog-channel-token', 'x-idempotency-key'])(
    'refuses a second %s (a vendor signature or channel header checked once)',
    (name) => {
      const sig = 't=1,v1=' + 'a'.repeat(64);
      expect(requestProblem(req('POST', [name, sig, name.toUpperCase(), sig]))).toMatchObject({
        status: 400,
        field: name,
      });
      expect(requestProblem(req('POST', [name, sig]))).toBeUndefined();
    },
  );

  it('refuses a form-encoded or untyped body on a JSON route, but not an empty one', () => {
    const form = ['content-type', 'application/x-www-form-urlencoded', 'content-length', '9'];
    expect(requestProblem(req('POST', form))).toMatchObject({ status: 415, field: 'content-type' });
    expect(requestProblem(req('POST', ['content-length', '2']))).toMatchObject({ status: 415 });
    expect(requestProblem(req('POST', ['content-length', '0']))).toBeUndefined();
    expect(
      requestProblem(req('POST', ['content-type', 'application/json; charset=utf-8', 'content-length', '2'])),
    ).toBeUndefined();
  });

  it('lets forms through only on the paths declared for them', () => {
    const form = ['content-type', 'application/x-www-form-urlencoded', 'content-length', '9'];
    expect(
      requestProblem(req('POST', form, '/webhooks/twilio?x=1'), { formPaths: ['/webhooks/twilio'] }),
    ).toBeUndefined();
    expect(
      requestProblem(req('POST', form, '/v1/check-ins'), { formPaths: ['/webhooks/twilio'] }),
    ).toMatchObject({ status: 415 });
  });
});
