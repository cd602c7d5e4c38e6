import { createHash } from 'node:crypto';
import { z } from 'zod';

/** The `Idempotency-Key` header of the routes that create something (IETF httpapi idempotency-key draft). */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{8,200}$/, '8–200 visible ASCII characters');

/** The id a retried request maps to again: one object per kind, tenant and request key (a v4-shaped UUID). */
export function idFor(kind: string, tenantId: string, requestKey: string): string {
  const h = createHash('sha256').update(`${kind}\u0000${tenantId}\u0000${requestKey}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** JSON with object keys sorted, so the same body spelled in another key order fingerprints the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What a key is bound to: the caller, the route and the body (sha-256, hex). */
export function requestFingerprint(caller: string, route: string, body: unknown): string {
  return createHash('sha256')
    .update(`${caller}\u0000${route}\u0000${canonicalJson(body ?? null)}`)
    .digest('hex');
}
