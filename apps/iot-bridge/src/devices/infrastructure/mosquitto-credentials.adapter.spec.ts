import { hashPassword, newDevicePassword, verifyPassword } from './mosquitto-credentials.adapter';

describe("mosquitto's $7$ password hash", () => {
  it('verifies a line written by mosquitto_passwd 2.0 (known vector)', () => {
    // `mosquitto_passwd -b file alice secret` on the project's machine.
    const line =
      '$7$101$JUpt1jsgpl+HkJN9$ncLiNZQ2g9umFPUxxiksGk5ZRuJSnNyLHgvMMKI4OpPeOHlrabf6UqEuHevdHMzhlND34W9I5+bqxBA5gMmCrA==';
    expect(verifyPassword('secret', line)).toBe(true);
    expect(verifyPassword('Secret', line)).toBe(false);
  });

  it('hashes in the same format, salted afresh each time', () => {
    const password = newDevicePassword();
    const [a, b] = [hashPassword(password), hashPassword(password)];
    expect(a).toMatch(/^\$7\$101\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{86}==$/);
    expect(a).not.toBe(b);
    expect(verifyPassword(password, a) && verifyPassword(password, b)).toBe(true);
    expect(verifyPassword(`${password}x`, a)).toBe(false);
  });

  it('rejects anything that is not a $7$ line', () => {
    expect(verifyPassword('secret', 'plain-text')).toBe(false);
    expect(verifyPassword('secret', '$6$salt$hash')).toBe(false);
  });

  it('makes passwords of 32 URL-safe characters', () => {
    expect(newDevicePassword()).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
