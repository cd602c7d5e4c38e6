/**
 * Authenticated encryption of a club's provider account (AES-256-GCM in production): what is sealed
 * under one binding (club and provider) opens under that binding only, and any change to the stored
 * bytes is detected.
 */
export interface Sealed {
  /** The key that sealed it (one of CREDENTIALS_KEYS). */
  keyId: string;
  /** 12 random bytes, new for every seal. */
  iv: Buffer;
  ciphertext: Buffer;
  /** 16 bytes. */
  tag: Buffer;
}

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
export class CredentialsUnreadableError extends Error {
  override name = 'CredentialsUnreadableError';
  constructor(readonly reason: string) {
    super(reason);
  }
}
