import { DEFAULT_BOOKING_POLICY, policyProblem } from './booking-policy';
import { InvalidSlotError, NoticePassedError, checkChangeable, checkSlot, type Booking } from './booking';
import { localMinuteOfDay, startOfLocalDay, zonedIso } from './club-time';

const NOW = new Date('2026-12-01T12:00:00.000Z'); // 09:00 in São Paulo
const at = (iso: string) => new Date(iso);
const slot = (from: string, to: string) => ({ startsAt: at(from), endsAt: at(to) });
const refusal = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    return error as InvalidSlotError;
  }
  throw new Error('expected a refusal');
};

describe('slot rules', () => {
  const policy = DEFAULT_BOOKING_POLICY;

  it('allows an hour on the half-hour grid, later today', () => {
    expect(() => checkSlot(slot('2026-12-01T13:00:00Z', '2026-12-01T14:00:00Z'), policy, NOW)).not.toThrow();
    expect(() => checkSlot(slot('2026-12-01T13:30:00Z', '2026-12-01T14:00:00Z'), policy, NOW)).not.toThrow();
  });

  it.each([
    [
      'ends before it starts',
      '2026-12-01T14:00:00Z',
      '2026-12-01T13:00:00Z',
      'endsAt',
      'must be after startsAt',
    ],
    ['ends as it starts', '2026-12-01T14:00:00Z', '2026-12-01T14:00:00Z', 'endsAt', 'must be after startsAt'],
    ['is too short', '2026-12-01T13:00:00Z', '2026-12-01T13:15:00Z', 'endsAt', 'at least 30 minutes'],
    ['is too long', '2026-12-01T13:00:00Z', '2026-12-01T17:30:00Z', 'endsAt', 'at most 240 minutes'],
    ['starts off the grid', '2026-12-01T13:10:00Z', '2026-12-01T14:10:00Z', 'startsAt', '30-minute grid'],
    ['has seconds', '2026-12-01T13:00:30Z', '2026-12-01T14:00:00Z', 'startsAt', '30-minute grid'],
    ['started already', '2026-12-01T11:00:00Z', '2026-12-01T12:30:00Z', 'startsAt', 'in the past'],
    [
      'starts over a year ahead',
      '2028-01-05T13:00:00Z',
      '2028-01-05T14:00:00Z',
      'startsAt',
      '366 days ahead',
    ],
    ['starts in the year 9999', '9999-12-31T13:00:00Z', '9999-12-31T14:00:00Z', 'startsAt', '366 days ahead'],
  ])('refuses a slot that %s, naming the field', (_what, from, to, field, reason) => {
    const error = refusal(() => checkSlot(slot(from, to), policy, NOW));
    expect(error).toBeInstanceOf(InvalidSlotError);
    expect(error).toMatchObject({ kind: 'invalid', code: 'invalid_slot', field });
    expect(error.reason).toContain(reason);
  });

  it("reads the grid on the club's clock: an hourly grid in a half-hour zone", () => {
    const adelaide = { ...policy, timeZone: 'Australia/Adelaide', slotMinutes: 60, minMinutes: 60 };
    // 10:30 UTC is 21:00 in Adelaide (UTC+10:30 in December): on its hour.
    expect(() =>
      checkSlot(slot('2026-12-01T10:30:00Z', '2026-12-01T11:30:00Z'), adelaide, at('2026-12-01T00:00:00Z')),
    ).not.toThrow();
    expect(
      refusal(() =>
        checkSlot(slot('2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z'), adelaide, at('2026-12-01T00:00:00Z')),
      ).field,
    ).toBe('startsAt');
  });

  it('a policy with no grid takes any whole minute', () => {
    const free = { ...policy, slotMinutes: null, minMinutes: 10 };
    expect(() => checkSlot(slot('2026-12-01T13:07:00Z', '2026-12-01T13:19:00Z'), free, NOW)).not.toThrow();
  });

  it('refuses an unsound policy', () => {
    expect(policyProblem({ ...policy, timeZone: 'Mars/Olympus' })).toMatchObject({ field: 'timeZone' });
    expect(policyProblem({ ...policy, minMinutes: 45 })).toMatchObject({ field: 'minMinutes' });
    expect(policyProblem(policy)).toBeNull();
  });
});

describe('notice rule', () => {
  const booking: Booking = {
    bookingId: 'b1',
    courtId: 'court-1',
    memberId: 'ana',
    blockReason: null,
    startsAt: '2026-12-01T14:00:00.000Z',
    endsAt: '2026-12-01T15:00:00.000Z',
    status: 'booked',
    bookedBy: 'ana',
    cancelledAt: null,
    cancelReason: null,
    version: 1,
    createdAt: '2026-11-30T10:00:00.000Z',
    updatedAt: '2026-11-30T10:00:00.000Z',
  };
  const member = { tenantId: 'club-a', subject: 'ana', staff: false };
  const staff = { tenantId: 'club-a', subject: 'bruno', staff: true };
  const policy = DEFAULT_BOOKING_POLICY; // 120 minutes

  it('lets a member change until the notice before the start, and not a minute later', () => {
    expect(() => checkChangeable(booking, member, policy, at('2026-12-01T12:00:00Z'))).not.toThrow();
    expect(() => checkChangeable(booking, member, policy, at('2026-12-01T12:01:00Z'))).toThrow(
      NoticePassedError,
    );
  });

  it('exempts staff until the booking ends; nobody changes an ended or cancelled booking', () => {
    expect(() => checkChangeable(booking, staff, policy, at('2026-12-01T14:30:00Z'))).not.toThrow();
    expect(() => checkChangeable(booking, staff, policy, at('2026-12-01T15:00:00Z'))).toThrow('ended');
    expect(() =>
      checkChangeable({ ...booking, status: 'cancelled' }, staff, policy, at('2026-12-01T10:00:00Z')),
    ).toThrow('cancelled');
  });
});

describe("the club's clock", () => {
  it('writes instants with the offset of the zone at that instant', () => {
    expect(zonedIso(at('2026-12-01T13:00:00Z'), 'America/Sao_Paulo')).toBe('2026-12-01T10:00:00-03:00');
    expect(zonedIso(at('2026-07-01T13:00:00Z'), 'Europe/Lisbon')).toBe('2026-07-01T14:00:00+01:00');
    expect(zonedIso(at('2026-01-01T13:00:00Z'), 'Europe/Lisbon')).toBe('2026-01-01T13:00:00+00:00');
    expect(localMinuteOfDay(at('2026-12-01T13:30:00Z'), 'America/Sao_Paulo')).toBe(10 * 60 + 30);
  });

  it('starts a local day at its local midnight, across a daylight-saving change', () => {
    expect(startOfLocalDay('2026-12-01', 'America/Sao_Paulo').toISOString()).toBe('2026-12-01T03:00:00.000Z');
    expect(startOfLocalDay('2026-03-29', 'Europe/Lisbon').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', 'Europe/Lisbon').toISOString()).toBe('2026-03-29T23:00:00.000Z');
  });
});
