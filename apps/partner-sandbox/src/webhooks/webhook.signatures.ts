import { createHash, createHmac } from 'node:crypto';

/**
 * One function per vendor signing scheme, each exactly as the vendor documents it, so receivers verify
 * sandbox webhooks with the same code (or the vendor SDK's helper) they use in production.
 */

export const unixSeconds = (at = Date.now()): number => Math.floor(at / 1000);

/** Access vendor: `X-Access-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. */
export function accessVendorSignature(secret: string, body: string, t = unixSeconds()): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/**
 * Stripe: `Stripe-Signature: t=<unix s>,v1=<hex HMAC-SHA256(endpoint secret, "<t>.<raw body>")>` — what
 * `stripe.webhooks.constructEvent` checks (with its 300 s tolerance on `t`).
 */
export function stripeSignature(secret: string, body: string, t = unixSeconds()): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/**
 * Mercado Pago: `x-signature: ts=<unix s>,v1=<hex HMAC-SHA256(secret, manifest)>` where the manifest is
 * `id:<data.id>;request-id:<x-request-id>;ts:<ts>;` — the body is not signed, which is why a receiver
 * must fetch the payment rather than trust the notification.
 */
export function mercadoPagoSignature(
  secret: string,
  dataId: string,
  requestId: string,
  ts = unixSeconds(),
): string {
  // MP lowercases alphanumeric data ids in the manifest; payment ids are numeric, so this is a no-op.
  const manifest = `id:${dataId.toLowerCase()};request-id:${requestId};ts:${ts};`;
  return `ts=${ts},v1=${createHmac('sha256', secret).update(manifest).digest('hex')}`;
}

/** PagBank: `x-authenticity-token: <hex SHA-256 of "<account token>-<raw body>">` (a hash, not an HMAC). */
export function pagSeguroAuthenticityToken(token: string, body: string): string {
  return createHash('sha256').update(`${token}-${body}`).digest('hex');
}

/**
 * Twilio: `X-Twilio-Signature: base64(HMAC-SHA1(auth token, url + each POST parameter's name and value,
 * sorted by name))` — the URL exactly as called, query string included; what the SDK's
 * `validateRequest` checks.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** Meta (WhatsApp Cloud API): `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`. */
export function metaSignature(appSecret: string, body: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/**
 * Mux: `Mux-Signature: t=<unix s>,v1=<hex HMAC-SHA256(webhook secret, "<t>.<raw body>")>` — what the
 * SDK's `webhooks.unwrap` / `verifySignature` checks (with its 300 s tolerance on `t`).
 */
export function muxSignature(secret: string, body: string, t = unixSeconds()): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}
