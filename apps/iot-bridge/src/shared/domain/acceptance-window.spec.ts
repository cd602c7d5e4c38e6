import { AcceptanceWindow } from './acceptance-window';

describe('the acceptance window of device requests', () => {
  const window = new AcceptanceWindow(60_000, 30_000);
  const now = new Date('2026-01-01T12:00:00Z');
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

  it('takes requests up to the maximum age, and slightly ahead of the bridge', () => {
    for (const offset of [0, -1_000, -60_000, 30_000, 5_000])
      expect(window.judge(at(offset), now)).toBe('in-time');
  });

  it('refuses a request too old, like a scan timestamped three hours ago', () => {
    expect(window.judge(at(-60_001), now)).toBe('device-request-expired');
    expect(window.judge(at(-3 * 3_600_000), now)).toBe('device-request-expired');
    expect(window.judge(new Date('0001-01-01T00:00:00Z'), now)).toBe('device-request-expired');
  });

  it('refuses a request from a clock too far ahead', () => {
    expect(window.judge(at(30_001), now)).toBe('device-clock-ahead');
    expect(window.judge(new Date('9999-12-31T23:59:59Z'), now)).toBe('device-clock-ahead');
  });

  it('says how far off a request was', () => {
    expect(window.describe(at(-10_800_000), now)).toBe(
      "sent 10800 s ago by the device's clock (window: 60 s old, 30 s ahead)",
    );
    expect(window.describe(at(120_000), now)).toMatch(/^sent 120 s ahead/);
  });
});
