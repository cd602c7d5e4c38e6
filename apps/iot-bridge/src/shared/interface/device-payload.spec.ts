import { z } from 'zod';
import { deviceTimestamp, parsePayload } from './device-payload';

describe('device payloads', () => {
  const schema = z.object({ timestamp: deviceTimestamp });
  const parse = (text: string) => parsePayload(schema, Buffer.from(text));

  it('takes ISO 8601 times with an offset', () => {
    for (const timestamp of [
      '2026-01-01T10:00:00Z',
      '2026-01-01T07:00:00.123-03:00',
      '0001-01-01T00:00:00Z',
    ]) {
      expect(parse(JSON.stringify({ timestamp }))).toEqual({ ok: true, data: { timestamp } });
    }
  });

  it.each([
    ['year 0, which no calendar day has', '0000-01-01T00:00:00Z'],
    ['year 0 once in UTC', '0001-01-01T00:30:00+01:00'],
    ['beyond year 9999', '9999-12-31T23:30:00-01:00'],
    ['30 February', '2026-02-30T10:00:00Z'],
    ['no offset', '2026-01-01T10:00:00'],
    ['a date alone', '2026-01-01'],
  ])('refuses %s, naming the field', (_label, timestamp) => {
    const result = parse(JSON.stringify({ timestamp }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^timestamp: /);
  });

  it('refuses what is not JSON, or not an object', () => {
    expect(parse('not json')).toEqual({ ok: false, reason: 'not JSON' });
    expect(parse('[]')).toMatchObject({ ok: false, reason: expect.stringMatching(/^\(payload\): /) });
    expect(parse('')).toEqual({ ok: false, reason: 'not JSON' });
  });
});
