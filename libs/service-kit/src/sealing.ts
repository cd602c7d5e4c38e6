import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** One key that seals secrets at rest (AES-256-GCM). */
export interface SealingKey {
  /** Stored beside each sealed value, so the value names the key that opens it. */
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

/** A sealed secret: what is stored. */
export interface Sealed {
  /** The key that sealed it. */
  keyId: string;
  /** 12 random bytes, new for every seal. */
  iv: Buffer;
  ciphertext: Buffer;
  /** 16 bytes. */
  tag: Buffer;
}

/** A sealed value that does not open here: its key is not configured, or it was altered or moved. */
export class SealedUnreadableError extends Error {
  override name = 'SealedUnreadableError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * A setting `<keyId>:<base64 of 32 bytes>[,<keyId>:<base64>…]` (`openssl rand -base64 32`) as keys. The
 * first key seals; every key listed opens, so a rotation puts the new key first and keeps the old ones
 * until no stored value uses them. Refusals name the entry and the key id, never key bytes.
 */
export const sealingKeys = z.string().transform((value, ctx): SealingKey[] => {
  const keys: SealingKey[] = [];
  const entries = value.split(',').map((e) => e.trim());
  entries.forEach((entry, i) => {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon);
    const material = colon < 0 ? '' : entry.slice(colon + 1);
    const problem = (message: string) =>
      ctx.addIssue({ code: 'custom', message: `entry ${i + 1} of ${entries.length}: ${message}` });
    if (!KEY_ID.test(id) || !BASE64.test(material)) {
      return problem('is not <keyId>:<base64 of 32 bytes> (key id: letters, digits, "_", "-", ".")');
    }
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32) {
      return problem(`key "${id}" is ${key.length} bytes, not 32 (AES-256)`);
    }
    if (keys.some((k) => k.id === id)) return problem(`key id "${id}" is listed twice`);
    keys.push({ id, key });
  });
  return keys;
});

const ALGORITHM = 'aes-256-gcm';
/** NIST SP 800-38D's recommended IV length; random per seal (far below the 2^32 seals per key bound). */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with node:crypto: the first key seals, any listed key opens what it sealed. The binding
 * (e.g. club and provider) is the additional authenticated data: authenticated, not stored, so a sealed
 * value moved to another binding fails its tag like a tampered one. `keysName` names the setting the
 * keys come from in refusals (`CREDENTIALS_KEYS`).
 */
export class AesGcmSealer {
  private readonly keys: ReadonlyMap<string, Buffer>;
  readonly currentKeyId: string;

  constructor(
    keys: readonly SealingKey[],
    private readonly keysName = 'the key list',
  ) {
    if (keys.length === 0) throw new Error('AesGcmSealer needs at least one key');
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
      throw new SealedUnreadableError(
        `sealed under key "${sealed.keyId}", which ${this.keysName} does not hold`,
      );
    }
    if (sealed.iv.length !== IV_BYTES || sealed.tag.length !== TAG_BYTES) {
      throw new SealedUnreadableError('stored IV or tag has the wrong length');
    }
    const decipher = createDecipheriv(ALGORITHM, key, sealed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(binding, 'utf8'));
    decipher.setAuthTag(sealed.tag);
    try {
      return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
    } catch {
      throw new SealedUnreadableError(
        `does not authenticate under key "${sealed.keyId}" (altered, or sealed for another binding)`,
      );
    }
  }
}
