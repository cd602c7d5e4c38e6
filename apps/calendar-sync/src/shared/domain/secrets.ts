import { createHash } from 'node:crypto';

/**
 * The SHA-256 a secret handed out by the service is kept as (a consent's `state`, a push channel's
 * token): stored and compared only as this, so neither a database row nor a timing tells the secret.
 */
export const secretHash = (secret: string): Buffer => createHash('sha256').update(secret).digest();

/** A UUID as text (any version), e.g. a push channel id or a booking id read back from Google. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
