import { canonicalJson, idFor, requestFingerprint } from './idempotency-key';

describe('idempotency keys', () => {
  it('fingerprints a body independently of key order but not of its values, caller or route', () => {
    const a = requestFingerprint('ana', 'POST /v1/wallet/top-ups', { amountCentavos: 1000, method: 'card' });
    expect(
      requestFingerprint('ana', 'POST /v1/wallet/top-ups', { method: 'card', amountCentavos: 1000 }),
    ).toBe(a);
    expect(
      requestFingerprint('ana', 'POST /v1/wallet/top-ups', { amountCentavos: 20000, method: 'card' }),
    ).not.toBe(a);
    expect(
      requestFingerprint('bia', 'POST /v1/wallet/top-ups', { amountCentavos: 1000, method: 'card' }),
    ).not.toBe(a);
    expect(
      requestFingerprint('ana', 'POST /v1/check-ins', { amountCentavos: 1000, method: 'card' }),
    ).not.toBe(a);
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[1,{"c":2,"d":1}]}');
  });

  it('derives one uuid per kind, tenant and request key', () => {
    const id = idFor('check-in', 'club-a', 'app:ana:key-1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idFor('check-in', 'club-a', 'app:ana:key-1')).toBe(id);
    expect(idFor('check-in', 'club-b', 'app:ana:key-1')).not.toBe(id);
    expect(idFor('check-in', 'club-a', 'app:bia:key-1')).not.toBe(id);
  });
});
