import { belongsTo, desiredEvent, driftOf, eventIdOf, type Booking } from './booking';

const booking = (over: Partial<Booking> = {}): Booking => ({
  tenantId: 'club-aurora',
  bookingId: '0b7c6a34-3f2e-4a5b-9c1d-2e3f4a5b6c7d',
  courtId: 'court-1',
  courtName: 'Quadra 1',
  kind: 'member',
  memberId: 'ana',
  startsAt: '2026-12-10T22:00:00.000Z',
  endsAt: '2026-12-10T23:00:00.000Z',
  timeZone: 'America/Sao_Paulo',
  version: 1,
  cancelled: false,
  ...over,
});

describe('a booking in Google', () => {
  it('has an event id Google accepts (base32hex) and that is the same every time', () => {
    const id = eventIdOf(booking().bookingId);
    expect(id).toMatch(/^[a-v0-9]{5,1024}$/);
    expect(eventIdOf(booking().bookingId.toUpperCase())).toBe(id);
  });

  it("is held by the club's calendar and by its own member's only", () => {
    expect(belongsTo(booking(), 'club')).toBe(true);
    expect(belongsTo(booking(), 'member', 'ana')).toBe(true);
    expect(belongsTo(booking(), 'member', 'gabi')).toBe(false);
    expect(belongsTo(booking({ kind: 'block', memberId: undefined }), 'member', 'ana')).toBe(false);
  });

  it('carries the booking id and version privately, in the club time zone', () => {
    const event = desiredEvent(booking({ version: 3 }), 'member');
    expect(event).toMatchObject({
      tags: { bookingId: booking().bookingId, version: '3' },
      timeZone: 'America/Sao_Paulo',
      startsAt: '2026-12-10T22:00:00.000Z',
    });
    expect(desiredEvent(booking({ kind: 'block', blockReason: 'maintenance' }), 'club').summary).toBe(
      'Quadra 1 — blocked: maintenance',
    );
  });

  it('judges what the member did in Google against the booking', () => {
    const event = {
      id: 'x',
      cancelled: false,
      startsAt: '2026-12-10T19:00:00-03:00',
      endsAt: '2026-12-10T20:00:00-03:00',
    };
    expect(driftOf(booking(), event)).toBe('none');
    expect(driftOf(booking(), { ...event, cancelled: true })).toBe('deleted');
    expect(driftOf(booking(), { ...event, startsAt: '2026-12-10T20:00:00-03:00' })).toBe('moved');
    expect(driftOf(booking({ cancelled: true }), event)).toBe('revived');
    expect(driftOf(booking({ cancelled: true }), { ...event, cancelled: true })).toBe('none');
  });
});
