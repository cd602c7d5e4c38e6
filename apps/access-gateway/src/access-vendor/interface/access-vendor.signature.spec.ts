import { signAccessVendorPayload, verifyAccessVendorSignature } from './access-vendor.signature';

const secret = 'whsec_test';
const body = Buffer.from('{"event_type":"access.checkout"}');
const now = 1_800_000_000;

describe('access vendor webhook signature', () => {
  it('accepts what the vendor signs and refuses tampering, other secrets, stale and malformed headers', () => {
    const header = signAccessVendorPayload(secret, body, now);
    expect(verifyAccessVendorSignature([secret], body, header, now)).toEqual({ ok: true });
    expect(
      verifyAccessVendorSignature([secret], Buffer.from('{"event_type":"access.checkin"}'), header, now),
    ).toMatchObject({ ok: false, reason: 'signature does not match the body' });
    expect(verifyAccessVendorSignature(['other'], body, header, now).ok).toBe(false);
    expect(verifyAccessVendorSignature([secret], body, header, now + 301)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/tolerance/),
    });
    expect(verifyAccessVendorSignature([secret], body, undefined, now)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/missing/),
    });
    expect(verifyAccessVendorSignature([secret], body, 't=abc,v1=zz', now)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/must be/),
    });
  });

  it('during a secret rotation accepts any v1 that matches any configured secret', () => {
    const valid = signAccessVendorPayload(secret, body, now).split(',')[1];
    const old = signAccessVendorPayload('whsec_old', body, now).split(',')[1];
    // The vendor signs with the new and the old secret: t=…,v1=<new>,v1=<old>, in either order.
    expect(verifyAccessVendorSignature([secret], body, `t=${now},${valid},${old}`, now).ok).toBe(true);
    expect(verifyAccessVendorSignature([secret], body, `t=${now},${old},${valid}`, now).ok).toBe(true);
    // We hold both secrets while the vendor still signs with the old one only.
    expect(verifyAccessVendorSignature([secret, 'whsec_old'], body, `t=${now},${old}`, now).ok).toBe(true);
    expect(verifyAccessVendorSignature([secret], body, `t=${now},${old}`, now).ok).toBe(false);
    expect(verifyAccessVendorSignature([secret], body, `t=${now},t=${now - 1},${valid}`, now).ok).toBe(false);
  });
});
