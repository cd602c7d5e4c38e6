import type { Envelope } from '@sportclub/contracts';
import type { Outbox } from '@sportclub/outbox';
import type { Transactions } from '@sportclub/service-kit';
import { InMemoryMembersRepository } from '../../../../test/support/in-memory-members.repository';
import {
  InMemoryBookingPoliciesRepository,
  InMemoryBookingsRepository,
} from '../../../../test/support/in-memory-bookings.repository';
import { GetCourtHandler } from '../../../courts/application/get-court/get-court.handler';
import type { CourtsRepository } from '../../../courts/application/ports/courts.repository.port';
import { CourtNotFoundError } from '../../../courts/domain/court';
import { GetMemberHandler } from '../../../members/application/get-member/get-member.handler';
import { MemberNotFoundError, MemberSuspendedError } from '../../../members/domain/member';
import { BookingNotFoundError, NoticePassedError, SlotTakenError } from '../../domain/booking';
import { CancelBookingHandler } from '../cancel-booking/cancel-booking.handler';
import { GetBookingHandler } from '../get-booking/get-booking.handler';
import { ListBookingsHandler } from '../list-bookings/list-bookings.handler';
import { RescheduleBookingHandler } from '../reschedule-booking/reschedule-booking.handler';
import { BookCourtHandler, StaffOnlyError } from './book-court.handler';

const courts: CourtsRepository = {
  find: async (tenant, courtId) =>
    tenant === 'club-a' && courtId === 'court-1'
      ? { courtId, name: 'Quadra 1', priceCentavos: 2_500 }
      : undefined,
  list: async () => [],
  save: async (_t, c) => c,
};

const ana = { tenantId: 'club-a', subject: 'ana', staff: false };
const bia = { tenantId: 'club-a', subject: 'bia', staff: false };
const bruno = { tenantId: 'club-a', subject: 'bruno', staff: true };
const elisa = { tenantId: 'club-b', subject: 'elisa', staff: true };

async function setup() {
  const bookings = new InMemoryBookingsRepository();
  const policies = new InMemoryBookingPoliciesRepository();
  const members = new InMemoryMembersRepository();
  for (const m of ['ana', 'bia']) await members.enrol('club-a', m);
  const events: Envelope[] = [];
  const outbox = { publish: async (_tx: unknown, e: Envelope) => void events.push(e) } as unknown as Outbox;
  // One transaction: its events count only if the work succeeds (as the outbox's rows would).
  const tx: Transactions = {
    run: async (work) => {
      const before = events.length;
      try {
        return await work({} as never);
      } catch (error) {
        events.length = before;
        throw error;
      }
    },
    savepoint: (t, work) => work(t),
    afterCommit: (_t, then) => then(),
  };
  const clock = { now: () => new Date('2026-12-01T12:00:00.000Z') }; // 09:00 in São Paulo
  const getCourt = new GetCourtHandler(courts);
  return {
    events,
    members,
    book: new BookCourtHandler(
      bookings,
      policies,
      tx,
      clock,
      getCourt,
      new GetMemberHandler(members),
      outbox,
    ),
    reschedule: new RescheduleBookingHandler(bookings, policies, tx, clock, getCourt, outbox),
    cancel: new CancelBookingHandler(bookings, policies, tx, clock, getCourt, outbox),
    get: new GetBookingHandler(bookings, policies),
    list: new ListBookingsHandler(bookings, policies, clock),
  };
}

/** 10:00–11:00 in São Paulo on 2026-12-01 (13:00–14:00 UTC), unless told otherwise. */
const slot = (from = '13:00', to = '14:00') => ({
  courtId: 'court-1',
  startsAt: `2026-12-01T${from}:00Z`,
  endsAt: `2026-12-01T${to}:00Z`,
});
let keys = 0;
const key = () => `key-${++keys}`;

describe('booking a court', () => {
  it('books for the member, answers on the club clock and publishes created with the court and time zone', async () => {
    const { book, events } = await setup();
    const booking = await book.execute(ana, { ...slot(), requestKey: key() });
    expect(booking).toMatchObject({
      memberId: 'ana',
      status: 'booked',
      version: 1,
      startsAt: '2026-12-01T13:00:00.000Z',
      localStartsAt: '2026-12-01T10:00:00-03:00',
      localEndsAt: '2026-12-01T11:00:00-03:00',
      timeZone: 'America/Sao_Paulo',
    });
    expect(events.map((e) => [e.type, e.subject, e.tenantid, e.data])).toEqual([
      [
        'access.booking.created.v1',
        booking.bookingId,
        'club-a',
        {
          bookingId: booking.bookingId,
          courtId: 'court-1',
          courtName: 'Quadra 1',
          kind: 'member',
          memberId: 'ana',
          startsAt: '2026-12-01T13:00:00.000Z',
          endsAt: '2026-12-01T14:00:00.000Z',
          timeZone: 'America/Sao_Paulo',
          version: 1,
          bookedBy: 'ana',
        },
      ],
    ]);
  });

  it('answers a retried request with the same booking and no second event', async () => {
    const { book, events } = await setup();
    const first = await book.execute(ana, { ...slot(), requestKey: 'app:ana:k1' });
    expect(await book.execute(ana, { ...slot(), requestKey: 'app:ana:k1' })).toEqual(first);
    expect(events).toHaveLength(1);
  });

  it("refuses another member's overlapping slot with 409 naming the slot on the club's clock, not the booker", async () => {
    const { book, events } = await setup();
    await book.execute(ana, { ...slot(), requestKey: key() });
    const refused = book.execute(bia, { ...slot('13:30', '14:30'), requestKey: key() });
    await expect(refused).rejects.toBeInstanceOf(SlotTakenError);
    await expect(refused).rejects.toMatchObject({
      reason: 'court court-1 is taken from 2026-12-01T10:00:00-03:00 to 2026-12-01T11:00:00-03:00',
      details: { clash: { courtId: 'court-1', startsAt: '2026-12-01T13:00:00.000Z' } },
    });
    await expect(refused).rejects.not.toHaveProperty('details.clash.memberId');
    expect(events).toHaveLength(1);
  });

  it('lets staff book for a member of their club and block a court; members do neither', async () => {
    const { book, events, members } = await setup();
    expect(await book.execute(bruno, { ...slot(), memberId: 'bia', requestKey: key() })).toMatchObject({
      memberId: 'bia',
      bookedBy: 'bruno',
    });
    const block = await book.execute(bruno, {
      ...slot('15:00', '17:00'),
      blockReason: 'net repair',
      requestKey: key(),
    });
    expect(block).toMatchObject({ memberId: null, blockReason: 'net repair' });
    expect(events[1].data).toMatchObject({ kind: 'block', blockReason: 'net repair' });
    expect(events[1].data).not.toHaveProperty('memberId');
    await expect(
      book.execute(ana, { ...slot('18:00', '19:00'), memberId: 'bia', requestKey: key() }),
    ).rejects.toBeInstanceOf(StaffOnlyError);
    await expect(
      book.execute(ana, { ...slot('18:00', '19:00'), blockReason: 'mine', requestKey: key() }),
    ).rejects.toMatchObject({ code: 'staff_only', field: 'blockReason' });
    await expect(
      book.execute(bruno, { ...slot('18:00', '19:00'), memberId: 'zoe', requestKey: key() }),
    ).rejects.toBeInstanceOf(MemberNotFoundError);
    await members.setStatus('club-a', 'bia', 'suspended', 'unpaid');
    await expect(
      book.execute(bruno, { ...slot('18:00', '19:00'), memberId: 'bia', requestKey: key() }),
    ).rejects.toBeInstanceOf(MemberSuspendedError);
  });

  it("answers another club's court and booking as not found", async () => {
    const { book, get, cancel, reschedule } = await setup();
    await expect(book.execute(elisa, { ...slot(), requestKey: key() })).rejects.toBeInstanceOf(
      CourtNotFoundError,
    );
    const { bookingId } = await book.execute(ana, { ...slot(), requestKey: key() });
    await expect(get.execute(elisa, bookingId)).rejects.toBeInstanceOf(BookingNotFoundError);
    await expect(cancel.execute(elisa, bookingId, null)).rejects.toBeInstanceOf(BookingNotFoundError);
    await expect(reschedule.execute(elisa, bookingId, slot('15:00', '16:00'))).rejects.toBeInstanceOf(
      BookingNotFoundError,
    );
    await expect(get.execute(bia, bookingId)).rejects.toBeInstanceOf(BookingNotFoundError);
    expect(await get.execute(bruno, bookingId)).toMatchObject({ bookingId });
  });
});

describe('rescheduling and cancelling', () => {
  it('moves a booking, publishing the new and the previous slot; a taken slot changes nothing', async () => {
    const { book, reschedule, get, events } = await setup();
    const mine = await book.execute(ana, { ...slot('15:00', '16:00'), requestKey: key() });
    await book.execute(bia, { ...slot('17:00', '18:00'), requestKey: key() });
    await expect(reschedule.execute(ana, mine.bookingId, slot('16:30', '17:30'))).rejects.toBeInstanceOf(
      SlotTakenError,
    );
    expect(await get.execute(ana, mine.bookingId)).toMatchObject({ startsAt: mine.startsAt, version: 1 });
    const moved = await reschedule.execute(ana, mine.bookingId, slot('16:00', '17:00'));
    expect(moved).toMatchObject({ startsAt: '2026-12-01T16:00:00.000Z', version: 2 });
    expect(events.map((e) => e.type)).toEqual([
      'access.booking.created.v1',
      'access.booking.created.v1',
      'access.booking.rescheduled.v1',
    ]);
    expect(events[2].data).toMatchObject({
      previousStartsAt: '2026-12-01T15:00:00.000Z',
      startsAt: '2026-12-01T16:00:00.000Z',
      rescheduledBy: 'ana',
      version: 2,
    });
  });

  it('holds members to the notice (2 h by default) but not staff', async () => {
    const { book, cancel, reschedule, events } = await setup();
    // Starts 13:00 UTC, an hour after "now": inside the notice.
    const soon = await book.execute(ana, { ...slot('13:00', '14:00'), requestKey: key() });
    await expect(cancel.execute(ana, soon.bookingId, null)).rejects.toBeInstanceOf(NoticePassedError);
    await expect(reschedule.execute(ana, soon.bookingId, slot('18:00', '19:00'))).rejects.toMatchObject({
      code: 'notice_period_passed',
      details: { noticeMinutes: 120 },
    });
    expect(await cancel.execute(bruno, soon.bookingId, 'court flooded')).toMatchObject({
      status: 'cancelled',
      cancelReason: 'court flooded',
    });
    expect(events.at(-1)).toMatchObject({
      type: 'access.booking.cancelled.v1',
      data: { cancelledBy: 'bruno', reason: 'court flooded', courtName: 'Quadra 1' },
    });
  });

  it('cancelling frees the slot; cancelling again changes nothing and publishes nothing', async () => {
    const { book, cancel, events } = await setup();
    const mine = await book.execute(ana, { ...slot('15:00', '16:00'), requestKey: key() });
    await cancel.execute(ana, mine.bookingId, null);
    expect(await cancel.execute(ana, mine.bookingId, null)).toMatchObject({
      status: 'cancelled',
      version: 2,
    });
    expect(await book.execute(bia, { ...slot('15:00', '16:00'), requestKey: key() })).toMatchObject({
      memberId: 'bia',
    });
    expect(events.map((e) => e.type)).toEqual([
      'access.booking.created.v1',
      'access.booking.cancelled.v1',
      'access.booking.created.v1',
    ]);
  });
});

describe('listing', () => {
  it("shows a member their own bookings, and staff the club's by court and local day", async () => {
    const { book, list } = await setup();
    await book.execute(ana, { ...slot('13:00', '14:00'), requestKey: key() });
    await book.execute(bia, { ...slot('14:00', '15:00'), requestKey: key() });
    // 02:00 UTC on 2 Dec is still 1 Dec (23:00) in São Paulo.
    await book.execute(bia, {
      ...slot('13:00', '14:00'),
      startsAt: '2026-12-02T01:30:00Z',
      endsAt: '2026-12-02T02:30:00Z',
      requestKey: key(),
    });
    expect((await list.execute(ana, { limit: 100 })).map((b) => b.memberId)).toEqual(['ana']);
    const day = await list.execute(bruno, { courtId: 'court-1', date: '2026-12-01', limit: 100 });
    expect(day.map((b) => b.localStartsAt)).toEqual([
      '2026-12-01T10:00:00-03:00',
      '2026-12-01T11:00:00-03:00',
      '2026-12-01T22:30:00-03:00',
    ]);
    expect(await list.execute(bruno, { date: '2026-12-02', limit: 100 })).toEqual([]);
    expect(await list.execute(elisa, { limit: 100 })).toEqual([]);
  });
});
