import { z } from 'zod';
import { DEVICE_STATUSES, SAFE_ID } from './device';

/**
 * What devices publish, as the seed firmware names it (snake_case, the device's own clock in
 * `timestamp`). Anything else is dropped with a warning: a device cannot make the bridge fail.
 */
const timestamp = z.iso.datetime({ offset: true });
const deviceId = z.string().regex(SAFE_ID, 'letters, digits, - and _ (1–64)');

export const courtRequestPayload = z.object({
  device_id: deviceId,
  user_id: z.string().regex(/^[\x21-\x7e]{1,100}$/, '1–100 visible characters'),
  timestamp,
});

export const buttonPressedPayload = z.object({ device_id: deviceId, timestamp });

export const tabletStatusPayload = z.object({
  status: z.enum(DEVICE_STATUSES),
  battery: z.number().int().min(0).max(100).optional(),
  timestamp,
});

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
