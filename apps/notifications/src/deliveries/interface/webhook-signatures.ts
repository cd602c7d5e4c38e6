/**
 * Checks that a provider's webhook is the provider's, each by its own documented scheme. Both answer
 * false — never throw — for a missing, malformed or forged signature, so a controller answers 403.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import twilio from 'twilio';

/**
 * Twilio: `X-Twilio-Signature` is base64(HMAC-SHA1(auth token, full URL + each POST parameter's name
 * and value, sorted by name)), checked by the SDK's `validateRequest` (timing-safe, and tolerant of
 * the port being added or dropped by a proxy).
 *
 * @param fullUrl the URL Twilio called, scheme to query string (`https://host/webhooks/twilio/status/t1?attempt=a1`),
 *   as the public address, not as a proxy rewrote it
 * @param params the form-decoded POST body
 */
export function verifyTwilioSignature(
  authToken: string,
  fullUrl: string,
  params: Record<string, string | string[]>,
  header: string | undefined,
): boolean {
  if (!authToken || !header) return false;
  try {
    return twilio.validateRequest(authToken, header, fullUrl, params);
  } catch {
    // A URL the SDK cannot parse is not one Twilio signed.
    return false;
  }
}

/**
 * Meta (WhatsApp Cloud API): `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`.
 *
 * @param rawBody the exact bytes received — a re-serialized JSON body does not verify
 */
export function verifyMetaSignature(
  appSecret: string,
  rawBody: Buffer | string,
  header: string | undefined,
): boolean {
  if (!appSecret || !header) return false;
  const hex = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim())?.[1];
  if (!hex) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
}
