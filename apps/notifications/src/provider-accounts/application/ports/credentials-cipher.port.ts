import type { Sealed } from '@sportclub/service-kit';

export type { Sealed };

/**
 * Authenticated encryption of a club's provider account (AES-256-GCM in production): what is sealed
 * under one binding (club and provider) opens under that binding only, and any change to the stored
 * bytes is detected.
 */
export interface CredentialsCipherPort {
  /** The key new seals use (the first of CREDENTIALS_KEYS). */
  readonly currentKeyId: string;
  /** Encrypts under the current key, authenticating `binding` too (it is not stored in the result). */
  seal(plaintext: Buffer, binding: string): Sealed;
  /** Decrypts; CredentialsUnreadableError when the key is unknown, or bytes or binding do not match. */
  open(sealed: Sealed, binding: string): Buffer;
}

export const CREDENTIALS_CIPHER = Symbol('CREDENTIALS_CIPHER');

/** A sealed account that does not open here: its key is not configured, or it was altered or moved. */
export { SealedUnreadableError as CredentialsUnreadableError } from '@sportclub/service-kit';
