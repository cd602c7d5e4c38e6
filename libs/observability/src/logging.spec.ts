import { hideUrlSecrets } from './logging';

describe('hideUrlSecrets', () => {
  it('keeps OAuth codes, states and tokens in a query out of a logged URL', () => {
    expect(hideUrlSecrets('/oauth/google/callback?state=abc&code=4/0AX&scope=x')).toBe(
      '/oauth/google/callback?state=[redacted]&code=[redacted]&scope=x',
    );
    expect(hideUrlSecrets('/x?Token=1&tokens=2')).toBe('/x?Token=[redacted]&tokens=2');
  });

  it('hides a secret carried in the path (32 random bytes, base64url), whatever the route', () => {
    const token = 'a'.repeat(20) + '-_B'.repeat(8);
    expect(hideUrlSecrets(`/v1/booking-feeds/${token}.ics`)).toBe('/v1/booking-feeds/[secret].ics');
    expect(hideUrlSecrets(`/v1/booking-feeds/${token}`)).toBe('/v1/booking-feeds/[secret]');
    expect(hideUrlSecrets(`/v1/${token}.ics?x=1`)).toBe('/v1/[secret].ics?x=1');
    // Ids are left alone.
    expect(hideUrlSecrets('/v1/bookings/0b7c6a34-3f2e-4a5b-9c1d-2e3f4a5b6c7d')).toBe(
      '/v1/bookings/0b7c6a34-3f2e-4a5b-9c1d-2e3f4a5b6c7d',
    );
  });
});
