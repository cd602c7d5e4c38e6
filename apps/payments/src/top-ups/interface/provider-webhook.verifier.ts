import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import Stripe from 'stripe';
import type { VerifiedEvent } from '../application/receive-provider-event/receive-provider-event.handler';

export type Verification = { ok: true; event: VerifiedEvent } | { ok: false; reason: string };

/** Signatures older (or newer) than this are refused, so a captured request cannot be replayed later. */
export const TOLERANCE_SEC = 300;

const equalHex = (expected: Buffer, given: string) => {
  const g = Buffer.from(given, 'hex');
  return g.length === expected.length && timingSafeEqual(g, expected);
};

const parsePairs = (header: string) =>
  Object.fromEntries(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));

/** Stripe: `Stripe-Signature: t=,v1=` checked by the official SDK, which also parses the event. */
export function verifyStripe(secret: string, raw: Buffer, header: string | undefined): Verification {
  if (!header) return { ok: false, reason: 'Stripe-Signature header is missing' };
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(raw, header, secret, TOLERANCE_SEC);
  } catch (error) {
    return { ok: false, reason: (error as Error).message.split('\n')[0].slice(0, 300) };
  }
  const object = event.data?.object as {
    id?: string;
    object?: string;
    payment_intent?: string | { id: string };
  };
  const pi = object?.object === 'payment_intent' ? object.id : object?.payment_intent;
  const providerRef = typeof pi === 'string' ? pi : typeof pi?.id === 'string' ? pi.id : '';
  const relevant = /^(payment_intent\.|charge\.refunded|charge\.refund\.updated)/.test(String(event.type));
  return {
    ok: true,
    event: {
      provider: 'stripe',
      eventId: event.id,
      eventType: String(event.type),
      ...(relevant && { providerRef }),
    },
  };
}

/**
 * Mercado Pago: `x-signature: ts=<unix s>,v1=<hex>` where v1 = HMAC-SHA256(secret,
 * `id:<data.id>;request-id:<x-request-id>;ts:<ts>;`) and data.id comes from the notification URL's query.
 */
export function verifyMercadoPago(
  secret: string,
  headers: { signature?: string; requestId?: string },
  query: { dataId?: string; type?: string },
  body: { id?: unknown; type?: unknown; action?: unknown },
  nowSec = Math.floor(Date.now() / 1000),
): Verification {
  if (!headers.signature) return { ok: false, reason: 'x-signature header is missing' };
  if (!headers.requestId) return { ok: false, reason: 'x-request-id header is missing' };
  if (!query.dataId) return { ok: false, reason: 'data.id query parameter is missing' };
  const { ts, v1 } = parsePairs(headers.signature);
  if (!/^\d{1,13}$/.test(ts ?? '') || !/^[0-9a-f]{64}$/.test(v1 ?? '')) {
    return { ok: false, reason: 'x-signature must be ts=<unix seconds>,v1=<hex HMAC-SHA256>' };
  }
  const tsSec = ts.length > 10 ? Math.floor(Number(ts) / 1000) : Number(ts);
  if (Math.abs(nowSec - tsSec) > TOLERANCE_SEC) {
    return { ok: false, reason: `signature timestamp is outside the ${TOLERANCE_SEC} s tolerance` };
  }
  const dataId = /^[a-z0-9]+$/i.test(query.dataId) ? query.dataId.toLowerCase() : query.dataId;
  const manifest = `id:${dataId};request-id:${headers.requestId};ts:${ts};`;
  if (!equalHex(createHmac('sha256', secret).update(manifest).digest(), v1)) {
    return { ok: false, reason: 'signature does not match the notification' };
  }
  const type = String(body.type ?? query.type ?? '');
  return {
    ok: true,
    event: {
      provider: 'mercadopago',
      eventId: body.id === undefined || body.id === null ? headers.requestId : String(body.id),
      eventType: String(body.action ?? type),
      ...(type === 'payment' && { providerRef: query.dataId }),
    },
  };
}

/** PagBank: `x-authenticity-token` = hex SHA-256 of `<token>-<raw body>`; it sends no event id. */
export function verifyPagSeguro(token: string, raw: Buffer, header: string | undefined): Verification {
  if (!header) return { ok: false, reason: 'x-authenticity-token header is missing' };
  if (!/^[0-9a-f]{64}$/i.test(header))
    return { ok: false, reason: 'x-authenticity-token must be a hex SHA-256' };
  const expected = createHash('sha256').update(`${token}-`).update(raw).digest();
  if (!equalHex(expected, header.toLowerCase()))
    return { ok: false, reason: 'signature does not match the body' };
  let charge: { id?: unknown; status?: unknown };
  try {
    charge = JSON.parse(raw.toString('utf8')) as typeof charge;
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  return {
    ok: true,
    event: {
      provider: 'pagseguro',
      eventId: createHash('sha256').update(raw).digest('hex'),
      eventType: `charge.${String(charge.status ?? 'unknown').toLowerCase()}`,
      providerRef: typeof charge.id === 'string' ? charge.id : '',
    },
  };
}
