import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How ERP clients sign their webhooks to this platform (our scheme, modelled on Stripe's):
 *
 *     X-Erp-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>
 *
 * where the HMAC is keyed with one of the client's secrets and computed over `"<t>.<raw body>"`, the
 * body's exact bytes as sent. More than one `v1` may be given (a sender signing with its old and new
 * secret during a rotation); any one matching any of the client's secrets is enough. Unknown schemes
 * (`v0=…`) are ignored. `t` must be within the tolerance of our clock, either way, so a captured request
 * cannot be replayed later.
 */
export const ERP_SIGNATURE_HEADER = 'x-erp-signature';

export type SignatureFailure =
  | 'signature-missing'
  | 'signature-malformed'
  | 'signature-stale'
  | 'signature-future'
  | 'signature-mismatch'
  | 'signature-not-configured';

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: SignatureFailure };

export interface SignatureInput {
  header: string | undefined;
  rawBody: Buffer;
  /** The client's secrets, newest first; empty when the client does not sign. */
  secrets: readonly string[];
  nowSeconds: number;
  toleranceSeconds: number;
}

const digest = (secret: string, timestamp: string, body: Buffer) =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();

/** The header value for `body` signed with `secret` at `timestamp` (for senders and tests). */
export function signErpPayload(secret: string, body: Buffer | string, timestamp: number): string {
  const t = String(timestamp);
  return `t=${t},v1=${digest(secret, t, Buffer.from(body)).toString('hex')}`;
}

function parseHeader(header: string): { t: string; v1: Buffer[] } | undefined {
  let t: string | undefined;
  const v1: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 1) return undefined;
    const [key, value] = [part.slice(0, eq).trim(), part.slice(eq + 1).trim()];
    if (key === 't') {
      if (t !== undefined || !/^\d{1,12}$/.test(value)) return undefined;
      t = value;
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) return undefined;
      v1.push(Buffer.from(value, 'hex'));
    }
  }
  return t !== undefined && v1.length > 0 && v1.length <= 8 ? { t, v1 } : undefined;
}

export function verifyErpSignature(input: SignatureInput): SignatureCheck {
  if (input.header === undefined || input.header === '') return { ok: false, reason: 'signature-missing' };
  if (input.secrets.length === 0) return { ok: false, reason: 'signature-not-configured' };
  const parsed = parseHeader(input.header);
  if (!parsed) return { ok: false, reason: 'signature-malformed' };
  const timestamp = Number(parsed.t);
  if (input.nowSeconds - timestamp > input.toleranceSeconds) return { ok: false, reason: 'signature-stale' };
  if (timestamp - input.nowSeconds > input.toleranceSeconds) return { ok: false, reason: 'signature-future' };
  // Every secret against every signature, without stopping at the first match: the time taken says
  // nothing about which one matched.
  let matched = false;
  for (const secret of input.secrets) {
    const expected = digest(secret, parsed.t, input.rawBody);
    for (const given of parsed.v1) matched = timingSafeEqual(expected, given) || matched;
  }
  return matched ? { ok: true, timestamp } : { ok: false, reason: 'signature-mismatch' };
}
