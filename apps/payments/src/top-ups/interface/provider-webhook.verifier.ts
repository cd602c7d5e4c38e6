import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import Stripe from 'stripe';
import type { VerifiedEvent } from '../application/receive-provider-event/receive-provider-event.handler';
import { isUsableIdentifier } from '../domain/provider-text';

/**
 * A failure is `invalid_signature` unless it says otherwise: `invalid_event` is a correctly signed
 * request whose unsigned part contradicts what was signed.
 */
export type Verification =
  { ok: true; event: VerifiedEvent } | { ok: false; error?: 'invalid_event'; reason: string };

/**
 * A receiver's signing secrets. During a rotation both the new (`current`) and the old (`previous`)
 * secret are accepted: the provider may sign with either, or with both (one `v1=` per secret).
 */
export interface SigningSecrets {
  current: string;
  previous?: string;
}

/** Signatures older (or newer) than this are refused, so a captured request cannot be replayed later. */
export const TOLERANCE_SEC = 300;

/** More `v1=` entries than this is not a rotation: the header is refused rather than tried at length. */
const MAX_SIGNATURES = 8;

const secretsOf = (s: SigningSecrets) => [s.current, ...(s.previous ? [s.previous] : [])];

const equalHex = (expected: Buffer, given: string) => {
  const g = Buffer.from(given, 'hex');
  return g.length === expected.length && timingSafeEqual(g, expected);
};

/** True when any given hex signature is any of the expected digests (each compared in constant time). */
const anyMatches = (expected: Buffer[], given: string[]) =>
  expected.some((digest) => given.some((signature) => equalHex(digest, signature)));

/** `ts=1,v1=ab,v1=cd`: the first value of `timestampKey` and every `v1` (a rotation sends several). */
function parseSignatureHeader(header: string, timestampKey: string) {
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const [key, value] = [part.slice(0, i).trim(), part.slice(i + 1).trim()];
    if (key === timestampKey) timestamp ??= value;
    else if (key === 'v1') signatures.push(value);
  }
  return { timestamp, signatures };
}

/**
 * Stripe: `Stripe-Signature: t=,v1=[,v1=…]` checked by the official SDK (which accepts the header when
 * any `v1` matches, and parses the event), once per configured secret.
 */
export function verifyStripe(secrets: SigningSecrets, raw: Buffer, header: string | undefined): Verification {
  if (!header) return { ok: false, reason: 'Stripe-Signature header is missing' };
  if (parseSignatureHeader(header, 't').signatures.length > MAX_SIGNATURES) {
    return { ok: false, reason: `Stripe-Signature carries more than ${MAX_SIGNATURES} v1 signatures` };
  }
  let event: Stripe.Event | undefined;
  const failures: string[] = [];
  for (const secret of secretsOf(secrets)) {
    try {
      event = Stripe.webhooks.constructEvent(raw, header, secret, TOLERANCE_SEC);
      break;
    } catch (error) {
      failures.push((error as Error).message.split('\n')[0].slice(0, 300));
    }
  }
  if (!event) {
    // A signature that matched a secret but is too old says more than "no signature matched".
    return { ok: false, reason: failures.find((f) => /tolerance/i.test(f)) ?? failures[0] };
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
 * `id:<data.id>;request-id:<x-request-id>;ts:<ts>;`) and data.id comes from the notification URL's
 * query. Mercado Pago's docs lowercase an alphanumeric data.id in the manifest while its SDKs sign it as
 * sent, so both forms are accepted — with each configured secret, against every `v1` in the header.
 *
 * The body is not signed, so nothing is taken from it that matters: the payment is the query's data.id
 * and the event id the signed x-request-id (a captured signature replayed within the tolerance with
 * another body is the same event, a duplicate). A body whose data.id names another payment than the
 * signed one is refused.
 */
export function verifyMercadoPago(
  secrets: SigningSecrets,
  headers: { signature?: string; requestId?: string },
  query: { dataId?: unknown; type?: unknown },
  body: Record<string, unknown>,
  nowSec = Math.floor(Date.now() / 1000),
): Verification {
  if (!headers.signature) return { ok: false, reason: 'x-signature header is missing' };
  if (!headers.requestId) return { ok: false, reason: 'x-request-id header is missing' };
  if (!isUsableIdentifier(headers.requestId))
    return { ok: false, reason: 'x-request-id must be 1 to 255 printable characters' };
  if (query.dataId === undefined || query.dataId === '') {
    return { ok: false, reason: 'data.id query parameter is missing' };
  }
  if (typeof query.dataId !== 'string')
    return { ok: false, reason: 'data.id query parameter must appear once' };
  const { timestamp: ts, signatures } = parseSignatureHeader(headers.signature, 'ts');
  if (
    !/^\d{1,13}$/.test(ts ?? '') ||
    signatures.length === 0 ||
    signatures.length > MAX_SIGNATURES ||
    !signatures.every((v1) => /^[0-9a-f]{64}$/.test(v1))
  ) {
    return { ok: false, reason: 'x-signature must be ts=<unix seconds>,v1=<hex HMAC-SHA256>' };
  }
  const tsSec = ts!.length > 10 ? Math.floor(Number(ts) / 1000) : Number(ts);
  if (Math.abs(nowSec - tsSec) > TOLERANCE_SEC) {
    return { ok: false, reason: `signature timestamp is outside the ${TOLERANCE_SEC} s tolerance` };
  }
  const ids = [...new Set([query.dataId, query.dataId.toLowerCase()])];
  const digests = secretsOf(secrets).flatMap((secret) =>
    ids.map((id) =>
      createHmac('sha256', secret).update(`id:${id};request-id:${headers.requestId};ts:${ts};`).digest(),
    ),
  );
  if (!anyMatches(digests, signatures)) {
    return { ok: false, reason: 'signature does not match the notification' };
  }
  const contradiction = bodyDataIdContradicts(query.dataId, body.data);
  if (contradiction) return { ok: false, error: 'invalid_event', reason: contradiction };
  const type = String(body.type ?? query.type ?? '');
  return {
    ok: true,
    event: {
      provider: 'mercadopago',
      eventId: headers.requestId,
      eventType: String(body.action ?? type),
      ...(type === 'payment' && { providerRef: query.dataId }),
    },
  };
}

/**
 * Why the body's `data.id` is not the signed one, if it is not. Compared as the signature is checked: as
 * sent or lower-cased. A body without `data.id` contradicts nothing (the signed id is used either way).
 */
function bodyDataIdContradicts(signedId: string, data: unknown): string | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data !== 'object' || Array.isArray(data)) return 'body data must be an object';
  const id = (data as { id?: unknown }).id;
  if (id === undefined || id === null) return undefined;
  const given = typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  if (given !== undefined && (given === signedId || given.toLowerCase() === signedId.toLowerCase()))
    return undefined;
  return 'body data.id does not match the signed data.id query parameter';
}

/**
 * PagBank: `x-authenticity-token` = hex SHA-256 of `<token>-<raw body>` (a keyed hash, not an HMAC),
 * checked with each configured token; it sends no event id.
 */
export function verifyPagSeguro(
  tokens: SigningSecrets,
  raw: Buffer,
  header: string | undefined,
): Verification {
  if (!header) return { ok: false, reason: 'x-authenticity-token header is missing' };
  if (!/^[0-9a-f]{64}$/i.test(header))
    return { ok: false, reason: 'x-authenticity-token must be a hex SHA-256' };
  const digests = secretsOf(tokens).map((token) =>
    createHash('sha256').update(`${token}-`).update(raw).digest(),
  );
  if (!anyMatches(digests, [header.toLowerCase()]))
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
