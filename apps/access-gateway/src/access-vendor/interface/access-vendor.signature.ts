import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The access vendor's webhook signature: `X-Access-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]`
 * where v1 is HMAC-SHA256(secret, `${t}.${raw body}`). During a secret rotation the vendor signs with
 * both secrets (several v1) and we accept either configured secret: a request passes when any v1
 * matches any secret (the scheme Stripe uses). A timestamp outside the tolerance is refused, so a
 * captured request cannot be replayed later; the event id dedupes replays within it.
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
  secrets: readonly string[],
  rawBody: Buffer,
  header: string | undefined,
  nowSec = Math.floor(Date.now() / 1000),
): SignatureCheck {
  if (!header) return { ok: false, reason: 'X-Access-Signature header is missing' };
  const pairs = header.split(',').map((p) => {
    const at = p.indexOf('=');
    return [p.slice(0, at).trim(), p.slice(at + 1).trim()] as const;
  });
  const ts = pairs.filter(([k]) => k === 't').map(([, v]) => v);
  const signatures = pairs.filter(([k]) => k === 'v1').map(([, v]) => v);
  const t = Number(ts[0]);
  if (ts.length !== 1 || !/^\d{1,12}$/.test(ts[0]) || signatures.length === 0 || signatures.length > 8) {
    return { ok: false, reason: 'X-Access-Signature must be t=<unix seconds>,v1=<hex HMAC-SHA256>[,v1=…]' };
  }
  if (Math.abs(nowSec - t) > SIGNATURE_TOLERANCE_SEC) {
    return { ok: false, reason: `signature timestamp is outside the ${SIGNATURE_TOLERANCE_SEC} s tolerance` };
  }
  const expected = secrets.map((s) => createHmac('sha256', s).update(`${t}.`).update(rawBody).digest());
  const matches = signatures.some((v1) => {
    if (!/^[0-9a-f]{64}$/.test(v1)) return false;
    const given = Buffer.from(v1, 'hex');
    return expected.some((e) => timingSafeEqual(given, e));
  });
  return matches ? { ok: true } : { ok: false, reason: 'signature does not match the body' };
}
