import { randomBytes, randomUUID } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * An id of the form Mux gives assets, live streams, playback ids and signing keys: letters and digits,
 * no prefix (e.g. `ymDhKE00YZ12XxJLFo76DIVqCzL15bVf2`), 36 characters here.
 */
export function muxId(length = 36): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}

/** A stream key: Mux's are UUIDs, as sensitive as credentials (anyone holding one can go live). */
export const streamKey = (): string => randomUUID();
