import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The alternative to signing for an ERP that cannot: a per-client key in `X-Api-Key`. Keys are held only
 * as SHA-256 digests (from configuration on) and a presented key is compared digest to digest in
 * constant time, so neither the keys nor the comparison's timing leak from this process.
 */
export const ERP_API_KEY_HEADER = 'x-api-key';

export type ApiKeyFailure = 'api-key-missing' | 'api-key-mismatch' | 'api-key-not-configured';

export type ApiKeyCheck = { ok: true } | { ok: false; reason: ApiKeyFailure };

export const hashApiKey = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

export function verifyApiKey(presented: string | undefined, keyHashes: readonly Buffer[]): ApiKeyCheck {
  if (presented === undefined || presented === '') return { ok: false, reason: 'api-key-missing' };
  if (keyHashes.length === 0) return { ok: false, reason: 'api-key-not-configured' };
  const given = hashApiKey(presented);
  let matched = false;
  for (const hash of keyHashes) matched = timingSafeEqual(given, hash) || matched;
  return matched ? { ok: true } : { ok: false, reason: 'api-key-mismatch' };
}
