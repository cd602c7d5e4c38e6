/**
 * How long a device request (a scan, a panel's check-in, check-out or button press) stays good, by the
 * device's own clock against the bridge's: a scan that sat three hours in a queue, or came from a
 * clock set wrong, must not open a court. Too old, or too far ahead (clocks drift a little), and the
 * request is refused and recorded as such.
 */
export type Timeliness = 'in-time' | 'device-request-expired' | 'device-clock-ahead';

export type LateRefusal = Exclude<Timeliness, 'in-time'>;

export class AcceptanceWindow {
  constructor(
    readonly maxAgeMs: number,
    readonly maxAheadMs: number,
  ) {}

  judge(sentAt: Date, receivedAt: Date): Timeliness {
    const age = receivedAt.getTime() - sentAt.getTime();
    if (age > this.maxAgeMs) return 'device-request-expired';
    if (-age > this.maxAheadMs) return 'device-clock-ahead';
    return 'in-time';
  }

  /** For logs: "sent 10800 s ago by the device's clock (window: 60 s old, 30 s ahead)". */
  describe(sentAt: Date, receivedAt: Date): string {
    const age = Math.round((receivedAt.getTime() - sentAt.getTime()) / 1000);
    const when = age >= 0 ? `${age} s ago` : `${-age} s ahead`;
    return `sent ${when} by the device's clock (window: ${this.maxAgeMs / 1000} s old, ${this.maxAheadMs / 1000} s ahead)`;
  }
}

export const ACCEPTANCE_WINDOW = Symbol('AcceptanceWindow');
