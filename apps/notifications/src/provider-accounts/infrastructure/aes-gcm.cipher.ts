import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { CredentialsKey } from '../../config/notifications.config';
import {
  CredentialsUnreadableError,
  type CredentialsCipherPort,
  type Sealed,
} from '../application/ports/credentials-cipher.port';

const ALGORITHM = 'aes-256-gcm';
/** NIST SP 800-38D's recommended IV length; random per seal (far below the 2^32 seals per key bound). */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with node:crypto under CREDENTIALS_KEYS: the first key seals, any listed key opens what
 * it sealed. The binding (club and provider) is the additional authenticated data: authenticated, not
 * stored, so a sealed row moved to another club or provider fails its tag like a tampered one.
 */
export class AesGcmCipher implements CredentialsCipherPort {
  private readonly keys: ReadonlyMap<string, Buffer>;
  readonly currentKeyId: string;

  constructor(keys: readonly CredentialsKey[]) {
    if (keys.length === 0) throw new Error('AesGcmCipher needs at least one key');
    for (const { id, key } of keys) {
      if (key.length !== 32) throw new Error(`key ${id} is ${key.length} bytes, not 32`);
    }
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
    this.currentKeyId = keys[0].id;
  }

  seal(plaintext: Buffer, binding: string): Sealed {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keys.get(this.currentKeyId)!, iv, {
      authTagLength: TAG_BYTES,
    });
    cipher.setAAD(Buffer.from(binding, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { keyId: this.currentKeyId, iv, ciphertext, tag: cipher.getAuthTag() };
  }

  open(sealed: Sealed, binding: string): Buffer {
    const key = this.keys.get(sealed.keyId);
    if (!key) {
      throw new CredentialsUnreadableError(
        `sealed under key "${sealed.keyId}", which CREDENTIALS_KEYS does not hold`,
      );
    }
    if (sealed.iv.length !== IV_BYTES || sealed.tag.length !== TAG_BYTES) {
      throw new CredentialsUnreadableError('stored IV or tag has the wrong length');
    }
    const decipher = createDecipheriv(ALGORITHM, key, sealed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(binding, 'utf8'));
    decipher.setAuthTag(sealed.tag);
    try {
      return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
    } catch {
      throw new CredentialsUnreadableError(
        `does not authenticate under key "${sealed.keyId}" (altered, or stored for another club or provider)`,
      );
    }
  }
}
