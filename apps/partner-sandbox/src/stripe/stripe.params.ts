import { z } from 'zod';
import { parseOrBadRequest } from '@sportclub/service-kit';

/**
 * Stripe parameters arrive form-encoded (`metadata[paymentId]=…`, parsed into objects by the extended
 * body parser), so every scalar is a string: these schemas accept the string forms Stripe accepts.
 */

export const formInt = z.preprocess(
  (v) => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v),
  z.number().int(),
);

export const formBool = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());

/** Up to 50 keys; `metadata=""` clears it (what the SDK sends for `metadata: null`). */
export const metadataParam = z.preprocess(
  (v) => (v === '' ? {} : v),
  z
    .record(z.string().min(1).max(40), z.string().max(500))
    .refine((m) => Object.keys(m).length <= 50, 'at most 50 keys'),
);

export const expandParam = z.array(z.string()).optional();

/** Parses Stripe parameters; problems become Stripe errors in StripeExceptionFilter. */
export const parseParams = <T>(schema: z.ZodType<T>, input: unknown): T =>
  parseOrBadRequest(schema, input ?? {}, 'invalid_request');

/** Metadata update semantics: keys set to "" are removed, others merged. */
export function mergeMetadata(
  current: Record<string, string>,
  update: Record<string, string> | undefined,
): Record<string, string> {
  if (!update) return current;
  if (Object.keys(update).length === 0) return {};
  const next = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === '') delete next[k];
    else next[k] = v;
  }
  return next;
}
