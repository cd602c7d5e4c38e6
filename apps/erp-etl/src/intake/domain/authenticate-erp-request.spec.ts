import { createHmac } from 'node:crypto';
import { hashApiKey, verifyApiKey } from './api-key';
import { authenticateErpRequest, type ClientCredentials, type ErpRequest } from './authenticate-erp-request';
import { signErpPayload, verifyErpSignature } from './erp-signature';
import { checkSourceIp, parseIpRange, type IpRange } from './ip-allow-list';

const now = 1_796_300_000;
const clock = { nowSeconds: now, toleranceSeconds: 300 };
const body = Buffer.from('{"eventId":"evt-1","action":"register_sale","data":{"total_cents":4490}}');
const banbanOld = 'banban-secret-2026-06-aaaaaaaa';
const banbanNew = 'banban-secret-2026-12-bbbbbbbb';
const otherSecret = 'other-client-secret-cccccccc';

const verify = (header: string | undefined, secrets = [banbanNew, banbanOld], rawBody = body) =>
  verifyErpSignature({ header, rawBody, secrets, ...clock });

describe('X-Erp-Signature', () => {
  it('is an HMAC-SHA256 of "<t>.<raw body>" in hex, as documented', () => {
    const expected = createHmac('sha256', banbanNew).update(`${now}.${body.toString()}`).digest('hex');
    expect(signErpPayload(banbanNew, body, now)).toBe(`t=${now},v1=${expected}`);
  });

  it('accepts a signature by the current secret, and by the previous one during a rotation', () => {
    expect(verify(signErpPayload(banbanNew, body, now))).toEqual({ ok: true, timestamp: now });
    expect(verify(signErpPayload(banbanOld, body, now - 10))).toEqual({ ok: true, timestamp: now - 10 });
  });

  it('accepts a header carrying the old and the new signature, and ignores other schemes', () => {
    const stale = signErpPayload('retired-secret-dddddddddddd', body, now).split(',')[1];
    const fresh = signErpPayload(banbanNew, body, now);
    expect(verify(`${fresh},${stale},v0=abc`)).toMatchObject({ ok: true });
    expect(verify(`t=${now}, ${stale}, ${fresh.split(',')[1]}`)).toMatchObject({ ok: true });
  });

  it('refuses a forged signature, another client secret, a retired secret and a changed body', () => {
    const forged = `t=${now},v1=${'ab'.repeat(32)}`;
    expect(verify(forged)).toEqual({ ok: false, reason: 'signature-mismatch' });
    expect(verify(signErpPayload(otherSecret, body, now))).toEqual({
      ok: false,
      reason: 'signature-mismatch',
    });
    expect(verify(signErpPayload(banbanOld, body, now), [banbanNew])).toEqual({
      ok: false,
      reason: 'signature-mismatch',
    });
    const tampered = Buffer.from(body.toString().replace('4490', '449'));
    expect(verify(signErpPayload(banbanNew, body, now), undefined, tampered)).toEqual({
      ok: false,
      reason: 'signature-mismatch',
    });
    // Same JSON, other bytes: the raw body is what is signed, not its parse.
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1));
    expect(verify(signErpPayload(banbanNew, body, now), undefined, reformatted)).toMatchObject({ ok: false });
  });

  it('refuses a timestamp outside the tolerance, either way, and takes one at its edge', () => {
    expect(verify(signErpPayload(banbanNew, body, now - 301))).toEqual({
      ok: false,
      reason: 'signature-stale',
    });
    expect(verify(signErpPayload(banbanNew, body, now + 301))).toEqual({
      ok: false,
      reason: 'signature-future',
    });
    expect(verify(signErpPayload(banbanNew, body, now - 300))).toMatchObject({ ok: true });
    expect(verify(signErpPayload(banbanNew, body, now + 300))).toMatchObject({ ok: true });
  });

  it.each([
    ['no v1', `t=${now}`],
    ['no t', `v1=${'a'.repeat(64)}`],
    ['two t', `t=${now},t=${now},v1=${'a'.repeat(64)}`],
    ['a short v1', `t=${now},v1=abc`],
    ['a non-hex v1', `t=${now},v1=${'z'.repeat(64)}`],
    ['a t that is not seconds', `t=2026-12-03T10:00:00Z,v1=${'a'.repeat(64)}`],
    ['no pairs at all', 'sha256=abc'],
    ['garbage', 'Bearer xyz'],
  ])('refuses a malformed header: %s', (_, header) => {
    expect(verify(header)).toEqual({ ok: false, reason: 'signature-malformed' });
  });

  it('says when there is no header, or no secret to check it with', () => {
    expect(verify(undefined)).toEqual({ ok: false, reason: 'signature-missing' });
    expect(verify(signErpPayload(banbanNew, body, now), [])).toEqual({
      ok: false,
      reason: 'signature-not-configured',
    });
  });
});

describe('X-Api-Key', () => {
  const hashes = [hashApiKey('banban-key-current-0123456789'), hashApiKey('banban-key-previous-987654321')];

  it('accepts any of the client keys, compared as SHA-256 digests', () => {
    expect(verifyApiKey('banban-key-current-0123456789', hashes)).toEqual({ ok: true });
    expect(verifyApiKey('banban-key-previous-987654321', hashes)).toEqual({ ok: true });
  });

  it('refuses another key, a missing one, and any key for a client without keys', () => {
    expect(verifyApiKey('banban-key-current-012345678', hashes)).toEqual({
      ok: false,
      reason: 'api-key-mismatch',
    });
    expect(verifyApiKey(undefined, hashes)).toEqual({ ok: false, reason: 'api-key-missing' });
    expect(verifyApiKey('anything', [])).toEqual({ ok: false, reason: 'api-key-not-configured' });
  });
});

describe('the IP allow-list', () => {
  const ranges = ['203.0.113.0/24', '198.51.100.7', '2001:db8:abcd::/48'].map(
    (r) => parseIpRange(r) as IpRange,
  );

  it.each(['203.0.113.1', '203.0.113.254', '198.51.100.7', '::ffff:203.0.113.9', '2001:db8:abcd:12::1'])(
    'lets %s in',
    (ip) => expect(checkSourceIp(ip, ranges)).toEqual({ ok: true }),
  );

  it.each(['203.0.114.1', '198.51.100.8', '2001:db8:abce::1', '::1', '::ffff:10.0.0.1'])(
    'keeps %s out',
    (ip) => expect(checkSourceIp(ip, ranges)).toEqual({ ok: false, reason: 'ip-not-allowed' }),
  );

  it('refuses an unreadable or absent source, and lets anyone in without a list', () => {
    expect(checkSourceIp('not-an-ip', ranges)).toEqual({ ok: false, reason: 'ip-unreadable' });
    expect(checkSourceIp(undefined, ranges)).toEqual({ ok: false, reason: 'ip-unreadable' });
    expect(checkSourceIp('192.0.2.1', undefined)).toEqual({ ok: true });
  });

  it('reads ranges and names what it cannot read', () => {
    expect(parseIpRange('10.0.0.0/33')).toEqual({ error: expect.stringContaining("'10.0.0.0/33'") });
    expect(parseIpRange('banban.example')).toEqual({ error: expect.stringContaining('not an IPv4 or IPv6') });
    expect(parseIpRange('::1')).toMatchObject({ text: '::1' });
  });
});

describe('an ERP request', () => {
  const credentials: ClientCredentials = {
    secrets: [banbanNew, banbanOld],
    apiKeyHashes: [hashApiKey('banban-key-current-0123456789')],
    allowIps: [parseIpRange('203.0.113.0/24') as IpRange],
  };
  const request = (patch: Partial<ErpRequest> = {}): ErpRequest => ({
    signature: signErpPayload(banbanNew, body, now),
    apiKey: undefined,
    rawBody: body,
    sourceIp: '203.0.113.10',
    ...patch,
  });

  it('is authenticated by its signature, or by its key when it has no signature', () => {
    expect(authenticateErpRequest(request(), credentials, clock)).toEqual({ ok: true, by: 'signature' });
    expect(
      authenticateErpRequest(
        request({ signature: undefined, apiKey: 'banban-key-current-0123456789' }),
        credentials,
        clock,
      ),
    ).toEqual({ ok: true, by: 'api-key' });
  });

  it('from outside the allow-list is refused before anything else, even well signed', () => {
    expect(authenticateErpRequest(request({ sourceIp: '192.0.2.1' }), credentials, clock)).toEqual({
      ok: false,
      reason: 'ip-not-allowed',
    });
  });

  it('with a bad signature is not rescued by a good key', () => {
    const forged = request({
      signature: `t=${now},v1=${'0'.repeat(64)}`,
      apiKey: 'banban-key-current-0123456789',
    });
    expect(authenticateErpRequest(forged, credentials, clock)).toEqual({
      ok: false,
      reason: 'signature-mismatch',
    });
  });

  it('without credentials, or for an unknown client, is refused with that reason', () => {
    expect(authenticateErpRequest(request({ signature: undefined }), credentials, clock)).toEqual({
      ok: false,
      reason: 'credentials-missing',
    });
    expect(authenticateErpRequest(request(), undefined, clock)).toEqual({
      ok: false,
      reason: 'unknown-client',
    });
  });
});
