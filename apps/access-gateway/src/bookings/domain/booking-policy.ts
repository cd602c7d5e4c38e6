import { isTimeZone } from './club-time';

/**
 * A club's booking rules. Lengths and notice are in minutes; `slotMinutes` aligns starts and ends to
 * the club's grid in its own time zone (60: on the hour), or null for any whole minute.
 */
export interface BookingPolicy {
  /** IANA zone the club's days and times are read in. */
  timeZone: string;
  minMinutes: number;
  maxMinutes: number;
  slotMinutes: number | null;
  /** A member reschedules or cancels only until this many minutes before the start; staff are exempt. */
  noticeMinutes: number;
}

/**
 * The rules of a club that set none (decision 0016): São Paulo time, bookings of 30 minutes to 4 hours
 * on a 30-minute grid, and members change or cancel up to 2 hours before the start.
 */
export const DEFAULT_BOOKING_POLICY: BookingPolicy = {
  timeZone: 'America/Sao_Paulo',
  minMinutes: 30,
  maxMinutes: 240,
  slotMinutes: 30,
  noticeMinutes: 120,
};

/** The reason a policy cannot hold, or null when it is sound. */
export function policyProblem(p: BookingPolicy): { field: keyof BookingPolicy; reason: string } | null {
  if (!isTimeZone(p.timeZone)) return { field: 'timeZone', reason: 'not an IANA time zone' };
  if (p.minMinutes > p.maxMinutes) return { field: 'minMinutes', reason: 'longer than maxMinutes' };
  if (p.slotMinutes !== null && p.minMinutes % p.slotMinutes !== 0) {
    return { field: 'minMinutes', reason: 'not a multiple of slotMinutes' };
  }
  return null;
}
