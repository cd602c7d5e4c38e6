import { randomBytes } from 'node:crypto';
import { AesGcmSealer, SealedUnreadableError, type Sealed } from './sealing';

const key = (id: string) => ({ id, key: randomBytes(32) });
const secret = Buffer.from(JSON.stringify({ provider: 'twilio', authToken: 'the-club-auth-token' }));
const aurora = 'sportclub/notifications/provider_account/v1\nclub-aurora\ntwilio';

/** Flips one bit of one field of a sealed value. */
const flipped = (sealed: Sealed, field: 'iv' | 'ciphertext' | 'tag'): Sealed => {
  const bytes = Buffer.from(sealed[field]);
  bytes[bytes.length - 1] ^= 0x01;
  return { ...sealed, [field]: bytes };
};

describe('AES-256-GCM sealing', () => {
  it('opens what it sealed, under a fresh 12-byte IV each time, with no plaintext in the output', () => {
    const cipher = new AesGcmSealer([key('k1')]);
    const a = cipher.seal(secret, aurora);
    const b = cipher.seal(secret, aurora);
    expect(cipher.open(a, aurora).equals(secret)).toBe(true);
    expect(a).toMatchObject({ keyId: 'k1' });
    expect(a.iv).toHaveLength(12);
    expect(a.tag).toHaveLength(16);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    const stored = Buffer.concat([a.iv, a.ciphertext, a.tag]).toString('latin1');
    expect(stored).not.toContain('the-club-auth-token');
  });

  it.each([
    ['another club', 'sportclub/notifications/provider_account/v1\nclub-boreal\ntwilio'],
    ['another provider', 'sportclub/notifications/provider_account/v1\nclub-aurora\nsmtp'],
  ])('does not open a value sealed for one club and provider under %s', (_label, binding) => {
    const cipher = new AesGcmSealer([key('k1')]);
    const sealed = cipher.seal(secret, aurora);
    expect(() => cipher.open(sealed, binding)).toThrow(SealedUnreadableError);
    expect(() => cipher.open(sealed, binding)).toThrow(/does not authenticate under key "k1"/);
  });

  it.each(['iv', 'ciphertext', 'tag'] as const)('detects a changed bit in the %s', (field) => {
    const cipher = new AesGcmSealer([key('k1')]);
    const sealed = cipher.seal(secret, aurora);
    expect(() => cipher.open(flipped(sealed, field), aurora)).toThrow(SealedUnreadableError);
  });

  it('refuses a truncated tag instead of checking fewer bytes of it', () => {
    const cipher = new AesGcmSealer([key('k1')]);
    const sealed = cipher.seal(secret, aurora);
    expect(() => cipher.open({ ...sealed, tag: sealed.tag.subarray(0, 4) }, aurora)).toThrow(/wrong length/);
  });

  it('rotates: the new first key seals, the old one still opens what it sealed, a dropped one does not', () => {
    const [old, next] = [key('2025'), key('2026')];
    const before = new AesGcmSealer([old], 'CREDENTIALS_KEYS').seal(secret, aurora);

    const rotated = new AesGcmSealer([next, old], 'CREDENTIALS_KEYS');
    expect(rotated.currentKeyId).toBe('2026');
    expect(rotated.open(before, aurora).equals(secret)).toBe(true);
    const after = rotated.seal(secret, aurora);
    expect(after.keyId).toBe('2026');

    const retired = new AesGcmSealer([next], 'CREDENTIALS_KEYS');
    expect(retired.open(after, aurora).equals(secret)).toBe(true);
    expect(() => retired.open(before, aurora)).toThrow(
      'sealed under key "2025", which CREDENTIALS_KEYS does not hold',
    );
  });

  it('does not open a value under another key that claims the same id', () => {
    const sealed = new AesGcmSealer([key('k1')]).seal(secret, aurora);
    expect(() => new AesGcmSealer([key('k1')]).open(sealed, aurora)).toThrow(SealedUnreadableError);
  });
});
