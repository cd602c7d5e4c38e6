import { instantOf, zonedToInstant } from './google-calendar.times';

describe('event times', () => {
  it('reads wall-clock time in the given zone, an explicit offset as is', () => {
    expect(
      instantOf({ dateTime: '2031-05-02T19:00:00', timeZone: 'America/Sao_Paulo' }, 'UTC', 'start'),
    ).toBe(Date.parse('2031-05-02T22:00:00Z'));
    expect(
      instantOf({ dateTime: '2031-05-02T19:00:00+01:00', timeZone: 'America/Sao_Paulo' }, 'UTC', 'start'),
    ).toBe(Date.parse('2031-05-02T18:00:00Z'));
    expect(instantOf({ dateTime: '2031-05-02T19:00:00' }, 'Europe/Lisbon', 'start')).toBe(
      Date.parse('2031-05-02T18:00:00Z'),
    );
    expect(instantOf({ date: '2031-05-02' }, 'America/Sao_Paulo', 'start')).toBe(
      Date.parse('2031-05-02T03:00:00Z'),
    );
  });

  it('follows daylight saving changes', () => {
    expect(zonedToInstant('2031-01-15T12:00:00', 'America/New_York')).toBe(
      Date.parse('2031-01-15T17:00:00Z'),
    );
    expect(zonedToInstant('2031-07-15T12:00:00', 'America/New_York')).toBe(
      Date.parse('2031-07-15T16:00:00Z'),
    );
  });

  it('refuses a missing or malformed time', () => {
    expect(() => instantOf(undefined, 'UTC', 'end')).toThrow('Missing end time.');
    expect(() => instantOf({ dateTime: 'tomorrow' }, 'UTC', 'start')).toThrow('Invalid start time.');
  });
});
