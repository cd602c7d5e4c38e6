import { ResilientCaller } from '@sportclub/resilience';
import { AccessVendorHttpAdapter, VendorHttpError } from './access-vendor.http.adapter';

/** A vendor that answers from a script, recording what it was sent. */
function vendor(...answers: (() => Response)[]) {
  const sent: { url: string; init: RequestInit }[] = [];
  const http = jest.fn(async (url: string | URL | Request, init?: RequestInit) => {
    sent.push({ url: String(url), init: init! });
    const next = answers.shift();
    if (!next) throw new Error('no more scripted answers');
    return next();
  }) as unknown as typeof fetch;
  const adapter = new AccessVendorHttpAdapter(
    'http://vendor.test/access-vendor',
    'key-123',
    new ResilientCaller({ timeoutMs: 1_000, retries: 2, baseDelayMs: 1 }),
    http,
  );
  return { adapter, sent };
}
const json = (status: number, body: unknown) => () => new Response(JSON.stringify(body), { status });

describe('AccessVendorHttpAdapter', () => {
  it('opens the court with the check-in as external_ref and answers the vendor session', async () => {
    const { adapter, sent } = vendor(json(200, { session_id: 'ses_1', status: 'active' }));
    await expect(
      adapter.openCourt({ tenantId: 'club-a', memberId: 'ana', courtId: 'court-1', externalRef: 'chk-1' }),
    ).resolves.toEqual({ sessionId: 'ses_1' });
    expect(sent[0].url).toBe('http://vendor.test/access-vendor/api/v1/access/checkin');
    expect(sent[0].init.headers).toMatchObject({ authorization: 'Bearer key-123' });
    expect(JSON.parse(String(sent[0].init.body))).toEqual({
      user_id: 'ana',
      court_id: 'court-1',
      external_ref: 'chk-1',
    });
  });

  it("reads the vendor's consumption total at check-out, and treats a missing or odd total as none", async () => {
    const { adapter } = vendor(
      json(200, { consumption_total: 2_700 }),
      json(200, {}),
      json(200, { consumption_total: -5 }),
    );
    const close = () => adapter.closeSession({ tenantId: 'club-a', sessionId: 'ses_1' });
    await expect(close()).resolves.toEqual({ consumptionCentavos: 2_700 });
    await expect(close()).resolves.toEqual({ consumptionCentavos: 0 });
    await expect(close()).resolves.toEqual({ consumptionCentavos: 0 });
  });

  it('retries a 503 (the call is idempotent per external_ref) but never a 4xx refusal', async () => {
    const flaky = vendor(json(503, { error: 'busy' }), json(200, { session_id: 'ses_2' }));
    await expect(
      flaky.adapter.openCourt({ tenantId: 'club-a', memberId: 'ana', courtId: 'c', externalRef: 'x' }),
    ).resolves.toEqual({ sessionId: 'ses_2' });
    expect(flaky.sent).toHaveLength(2);

    const refusing = vendor(json(404, { error: 'unknown court' }));
    const error = await refusing.adapter
      .openCourt({ tenantId: 'club-b', memberId: 'ana', courtId: 'c', externalRef: 'y' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorHttpError);
    expect((error as VendorHttpError).status).toBe(404);
    expect(refusing.sent).toHaveLength(1);
  });
});
