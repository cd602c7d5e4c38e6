import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The access vendor's webhook signature: `X-Access-Signature: t=<unix seconds>,v1=<hex>` where v1 is
 * HMAC-SHA256(secret, `${t}.${raw body}`). A timestamp outside the tolerance is refused, so a captured
 * request cannot be replayed later; the event id dedupes replays within it.
 */
export const SIGNATURE_TOLERANCE_SEC = 300;

export function signAccessVendorPayload(
  secret: string,
  rawBody: string | Buffer,
  t = Math.floor(Date.now() / 1000),
): string {
  const v1 = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex');
  return `t=${t},v1=${v1}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyAccessVendorSignature(
  secret: string,
  rawBody: Buffer,
  header: string | undefined,
  nowSec = Math.floor(Date.now() / 1000),
): SignatureCheck {
  if (!header) return { ok: false, reason: 'X-Access-Signature header is missing' };
  const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) {
    return { ok: false, reason: 'X-Access-Signature must be t=<unix seconds>,v1=<hex HMAC-SHA256>' };
  }
  if (Math.abs(nowSec - t) > SIGNATURE_TOLERANCE_SEC) {
    return { ok: false, reason: `signature timestamp is outside the ${SIGNATURE_TOLERANCE_SEC} s tolerance` };
  }
  const expected = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest();
  const given = Buffer.from(parts.v1, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'signature does not match the body' };
  }
  return { ok: true };
}
