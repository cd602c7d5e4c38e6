import { z } from 'zod';

/**
 * What devices publish is JSON in the seed firmware's terms (snake_case, the device's own clock in
 * `timestamp`). Anything that does not parse is refused with the field named: a device cannot make
 * the bridge fail.
 */
/**
 * The device's clock: ISO 8601 with an offset, and a real instant — years 0001–9999 in UTC, which
 * PostgreSQL and every clock on the way can hold (`0000-01-01T00:00:00Z` parses, but no such day is).
 */
export const deviceTimestamp = z.iso.datetime({ offset: true }).refine((text) => {
  const year = new Date(text).getUTCFullYear();
  return year >= 1 && year <= 9999;
}, 'a real date and time (years 0001–9999)');

/** A device-side id (scan id, request id): 1–100 visible ASCII characters. */
export const deviceSideId = z.string().regex(/^[\x21-\x7e]{1,100}$/, '1–100 visible characters');

export type ParsedPayload<T> = { ok: true; data: T } | { ok: false; reason: string };

/** JSON then schema; the reason names the field. */
export function parsePayload<T>(schema: z.ZodType<T>, raw: Buffer): ParsedPayload<T> {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    reason: result.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; '),
  };
}

/** A device-side id from a payload too broken to validate, when it still holds a plausible one. */
export function deviceSideIdOf(raw: Buffer, field: string): string | null {
  try {
    const id = (JSON.parse(raw.toString('utf8')) as Record<string, unknown>)[field];
    return deviceSideId.safeParse(id).success ? (id as string) : null;
  } catch {
    return null;
  }
}
