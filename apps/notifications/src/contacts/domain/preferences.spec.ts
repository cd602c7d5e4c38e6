import {
  applyChange,
  defaultPreferences,
  reachableChannels,
  InvalidPreferenceError,
  quietUntil,
  type PreferencesChange,
} from './preferences';

const at = new Date('2026-12-01T12:00:00Z');

describe('preferences', () => {
  it('reaches a member only on channels they consented to and have an address for, in their order', () => {
    const p = applyChange(
      defaultPreferences('m1'),
      {
        source: 'app',
        phone: '(11) 98765-4321',
        email: 'Ana@Example.com',
        channels: ['email', 'whatsapp', 'push'],
        consents: [
          { channel: 'whatsapp', granted: true },
          { channel: 'email', granted: true },
          { channel: 'push', granted: true },
        ],
      },
      at,
    );
    expect(p.phone).toBe('+5511987654321');
    expect(p.email).toBe('ana@example.com');
    // push consented but no device registered
    expect(reachableChannels(p)).toEqual(['email', 'whatsapp']);
    const withdrawn = applyChange(p, { source: 'app', consents: [{ channel: 'email', granted: false }] }, at);
    expect(reachableChannels(withdrawn)).toEqual(['whatsapp']);
  });

  it('records a consent only when it changes, with its source and time', () => {
    const once = applyChange(
      defaultPreferences('m1'),
      { source: 'app', consents: [{ channel: 'sms', granted: true }] },
      at,
    );
    const again = applyChange(
      once,
      { source: 'staff', consents: [{ channel: 'sms', granted: true }] },
      new Date('2026-12-02T00:00:00Z'),
    );
    expect(again.consents).toEqual([
      { channel: 'sms', granted: true, source: 'app', recordedAt: at.toISOString() },
    ]);
  });

  it.each([
    [{ phone: '123' }, 'phone'],
    [{ phone: '(11) 3456-7890' }, 'phone'],
    [{ email: 'not-an-address' }, 'email'],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ locale: 'xx-YY' }, 'locale'],
    [{ channels: ['whatsapp', 'whatsapp'] }, 'channels'],
    [{ quietHours: { start: '22:00', end: '22:00' } }, 'quietHours'],
    [
      {
        consents: [
          { channel: 'email', granted: true },
          { channel: 'email', granted: false },
        ],
      },
      'consents',
    ],
  ])('refuses %j naming %s', (change, field) => {
    let error: unknown;
    try {
      applyChange(defaultPreferences('m1'), { source: 'app', ...change } as PreferencesChange, at);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidPreferenceError);
    expect((error as InvalidPreferenceError).field).toBe(field);
  });

  it('keeps a time zone by its canonical IANA name', () => {
    expect(applyChange(defaultPreferences('m1'), { source: 'app', timeZone: 'utc' }, at).timeZone).toBe(
      'UTC',
    );
  });

  it('adds push devices once and removes them by token', () => {
    const p = applyChange(
      defaultPreferences('m1'),
      { source: 'app', addPushTokens: ['tok-aaaaaaaa', 'tok-aaaaaaaa'] },
      at,
    );
    expect(p.pushDevices).toHaveLength(1);
    expect(applyChange(p, { source: 'app', removePushTokens: ['tok-aaaaaaaa'] }, at).pushDevices).toEqual([]);
  });
});

describe('quiet hours', () => {
  const member = (quietHours?: { start: string; end: string }) => ({
    ...defaultPreferences('m1'),
    ...(quietHours && { quietHours }),
  });
  // 2026-12-01T02:30Z is 23:30 in São Paulo (UTC-3).
  const night = new Date('2026-12-01T02:30:00Z');

  it('holds a message until quiet hours end, across midnight, in the member time zone', () => {
    expect(quietUntil(member({ start: '22:00', end: '07:00' }), night)).toEqual(
      new Date('2026-12-01T10:00:00Z'),
    );
    expect(quietUntil(member({ start: '23:00', end: '23:45' }), night)).toEqual(
      new Date('2026-12-01T02:45:00Z'),
    );
  });

  it('lets it go outside them, or when the member has none', () => {
    expect(quietUntil(member({ start: '08:00', end: '22:00' }), night)).toBeUndefined();
    expect(quietUntil(member(), night)).toBeUndefined();
  });
});
