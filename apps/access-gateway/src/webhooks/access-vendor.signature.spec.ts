import { signAccessVendorPayload, verifyAccessVendorSignature } from './access-vendor.signature';

const secret = 'whsec_test';
const body = Buffer.from('{"event_type":"access.checkout"}');

describe('access vendor webhook signature', () => {
  it('accepts what the vendor signs and refuses tampering, other secrets, stale and malformed headers', () => {
    const now = 1_800_000_000;
    const header = signAccessVendorPayload(secret, body, now);
    expect(verifyAccessVendorSignature(secret, body, header, now)).toEqual({ ok: true });
    expect(
      verifyAccessVendorSignature(secret, Buffer.from('{"event_type":"access.checkin"}'), header, now),
    ).toMatchObject({
      ok: false,
      reason: 'signature does not match the body',
    });
    expect(verifyAccessVendorSignature('other', body, header, now).ok).toBe(false);
    expect(verifyAccessVendorSignature(secret, body, header, now + 301)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/tolerance/),
    });
    expect(verifyAccessVendorSignature(secret, body, undefined, now)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/missing/),
    });
    expect(verifyAccessVendorSignature(secret, body, 't=abc,v1=zz', now)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/must be/),
    });
  });
});
