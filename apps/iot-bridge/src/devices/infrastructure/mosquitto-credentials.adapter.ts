import { pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DeviceCredentials } from '../application/ports/device-credentials.port';

/**
 * Mosquitto's password-file hash (what `mosquitto_passwd` writes since 2.0): PBKDF2-HMAC-SHA512 with a
 * 12-byte random salt and a 64-byte key, encoded `$7$<iterations>$<salt base64>$<key base64>`. Device
 * passwords are random 192-bit strings, so mosquitto's default 101 iterations are no weak point.
 */
const ITERATIONS = 101;
const SALT_BYTES = 12;
const KEY_BYTES = 64;

export function hashPassword(password: string, iterations = ITERATIONS): string {
  const salt = randomBytes(SALT_BYTES);
  const key = pbkdf2Sync(password, salt, iterations, KEY_BYTES, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export function verifyPassword(password: string, encoded: string): boolean {
  const m = /^\$7\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(encoded);
  if (!m) return false;
  const expected = Buffer.from(m[3], 'base64');
  const key = pbkdf2Sync(password, Buffer.from(m[2], 'base64'), Number(m[1]), expected.length, 'sha512');
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A new device password: 24 random bytes, URL-safe base64 (no character a config file could mangle). */
export const newDevicePassword = (): string => randomBytes(24).toString('base64url');

/** Device passwords and the broker's hash of them. */
export class MosquittoCredentialsAdapter implements DeviceCredentials {
  newPassword(): string {
    return newDevicePassword();
  }

  hash(password: string): string {
    return hashPassword(password);
  }
}
