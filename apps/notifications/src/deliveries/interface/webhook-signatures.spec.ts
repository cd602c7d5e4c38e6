import { createHmac } from 'node:crypto';
import { verifyMetaSignature, verifyTwilioSignature } from './webhook-signatures';

const TOKEN = 'twilio-auth-token-of-tenant-1';
const URL_ = 'https://notifications.example/webhooks/twilio/status/t-1?attempt=a-1';
const PARAMS = {
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  MessageStatus: 'delivered',
  To: 'whatsapp:+5511987654321',
};

/** Twilio's scheme written out independently of the SDK the code under test uses. */
const twilioSign = (token: string, url: string, params: Record<string, string>) =>
  createHmac('sha1', token)
    .update(
      Object.keys(params)
        .sort()
        .reduce((acc, k) => acc + k + params[k], url),
    )
    .digest('base64');

describe('verifyTwilioSignature', () => {
  const valid = twilioSign(TOKEN, URL_, PARAMS);

  it('accepts the signature Twilio computes over the full URL and the sorted parameters', () => {
    expect(verifyTwilioSignature(TOKEN, URL_, PARAMS, valid)).toBe(true);
  });

  it('refuses a missing or empty header, and an empty token', () => {
    expect(verifyTwilioSignature(TOKEN, URL_, PARAMS, undefined)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, URL_, PARAMS, '')).toBe(false);
    expect(verifyTwilioSignature('', URL_, PARAMS, valid)).toBe(false);
  });

  it('refuses a forged signature, or one made with another tenant’s token', () => {
    expect(verifyTwilioSignature(TOKEN, URL_, PARAMS, Buffer.alloc(20, 7).toString('base64'))).toBe(false);
    expect(
      verifyTwilioSignature(TOKEN, URL_, PARAMS, twilioSign('another-tenants-token', URL_, PARAMS)),
    ).toBe(false);
  });

  it('refuses altered parameters, an added parameter, and another URL or query string', () => {
    expect(verifyTwilioSignature(TOKEN, URL_, { ...PARAMS, MessageStatus: 'read' }, valid)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, URL_, { ...PARAMS, ErrorCode: '63016' }, valid)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, URL_.replace('a-1', 'a-2'), PARAMS, valid)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, URL_.replace('/t-1', '/t-2'), PARAMS, valid)).toBe(false);
  });

  it('answers false for a URL it cannot parse instead of throwing', () => {
    expect(verifyTwilioSignature(TOKEN, 'not a url', PARAMS, valid)).toBe(false);
  });
});

describe('verifyMetaSignature', () => {
  const SECRET = 'meta-app-secret-of-the-platform';
  const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [] }] });
  const sign = (secret: string, raw: string) =>
    `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

  it('accepts sha256=<hex HMAC of the raw body>, as a string or as the bytes received', () => {
    expect(verifyMetaSignature(SECRET, body, sign(SECRET, body))).toBe(true);
    expect(verifyMetaSignature(SECRET, Buffer.from(body), sign(SECRET, body))).toBe(true);
  });

  it('refuses a missing header, an empty secret, and headers of another form', () => {
    expect(verifyMetaSignature(SECRET, body, undefined)).toBe(false);
    expect(verifyMetaSignature('', body, sign('', body))).toBe(false);
    const hex = sign(SECRET, body).slice('sha256='.length);
    expect(verifyMetaSignature(SECRET, body, hex)).toBe(false);
    expect(verifyMetaSignature(SECRET, body, `sha1=${hex}`)).toBe(false);
    expect(verifyMetaSignature(SECRET, body, `sha256=${hex.slice(2)}`)).toBe(false);
    expect(verifyMetaSignature(SECRET, body, `sha256=${'z'.repeat(64)}`)).toBe(false);
  });

  it('refuses a forged signature, another secret, and an altered or re-serialized body', () => {
    expect(verifyMetaSignature(SECRET, body, `sha256=${'0'.repeat(64)}`)).toBe(false);
    expect(verifyMetaSignature(SECRET, body, sign('another-secret', body))).toBe(false);
    expect(verifyMetaSignature(SECRET, body.replace('"1"', '"2"'), sign(SECRET, body))).toBe(false);
    expect(verifyMetaSignature(SECRET, JSON.stringify(JSON.parse(body), null, 2), sign(SECRET, body))).toBe(
      false,
    );
  });
});
