import { createHash } from 'node:crypto';
import { z } from 'zod';

/** The `Idempotency-Key` header of the routes that create something. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{8,200}$/, '8–200 visible ASCII characters');

/** The problem to report for a missing or malformed `Idempotency-Key`, if any. */
export function idempotencyKeyProblem(key: string | undefined) {
  const parsed = idempotencyKeySchema.safeParse(key);
  if (parsed.success) return [];
  return [{ field: 'Idempotency-Key', reason: key ? parsed.error.issues[0].message : 'header is required' }];
}

/** The id a retried request maps to again: one object per kind, tenant and idempotency key (a v4-shaped UUID). */
export function idFor(kind: string, tenantId: string, idempotencyKey: string): string {
  const h = createHash('sha256').update(`${kind}\u0000${tenantId}\u0000${idempotencyKey}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
