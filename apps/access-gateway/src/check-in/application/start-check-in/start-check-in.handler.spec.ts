import { SagaLockedError, type SagaEngine } from '@sportclub/saga';
import {
  InMemoryBookingPoliciesRepository,
  InMemoryBookingsRepository,
} from '../../../../test/support/in-memory-bookings.repository';
import { FindCourtBookingHandler } from '../../../bookings/application/find-court-booking/find-court-booking.handler';
import { InMemoryMembersRepository } from '../../../../test/support/in-memory-members.repository';
import { CourtNotFoundError } from '../../../courts/domain/court';
import { zonedIso } from '../../../bookings/domain/club-time';
import { GetCourtHandler } from '../../../courts/application/get-court/get-court.handler';
import type { CourtsRepository } from '../../../courts/application/ports/courts.repository.port';
import { GetMemberHandler } from '../../../members/application/get-member/get-member.handler';
import { MemberNotFoundError, MemberSuspendedError } from '../../../members/domain/member';
import type { FindOpenSessionHandler } from '../../../sessions/application/find-open-session/find-open-session.handler';
import type { Session } from '../../../sessions/domain/session';
import { AlreadyOnCourtError, CheckInInProgressError, CourtBookedError } from '../../domain/check-in.errors';
import { StartCheckInHandler, type StartCheckIn } from './start-check-in.handler';

const courts: CourtsRepository = {
  find: async (tenant, courtId) =>
    tenant === 'club-a' && courtId === 'court-1'
      ? { courtId, name: 'Court 1', priceCentavos: 2_500 }
      : undefined,
  list: async () => [],
  save: async (_t, c) => c,
};

function setup(start: SagaEngine['start'] = async (_type, data, o) => sagaView(data, o.sagaId!)) {
  const members = new InMemoryMembersRepository();
  const engine = { start: jest.fn(start) } as unknown as SagaEngine & { start: jest.Mock };
  const open = new Map<string, Session>();
  const openSessions = {
    execute: async (_t: string, member: string) => open.get(member),
  } as FindOpenSessionHandler;
  const bookings = new InMemoryBookingsRepository();
  const courtBookings = new FindCourtBookingHandler(bookings, new InMemoryBookingPoliciesRepository());
  /** Holds court-1 of club-a for the hour around now: for `memberId`, or blocked by staff (null). */
  const hold = async (memberId: string | null) => {
    bookings.rows.clear();
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    await bookings.insert({} as never, 'club-a', {
      bookingId: `booking-${memberId ?? 'block'}`,
      courtId: 'court-1',
      memberId,
      blockReason: memberId ? null : 'net repair',
      startsAt: new Date(hour).toISOString(),
      endsAt: new Date(hour + 3_600_000).toISOString(),
      bookedBy: memberId ?? 'staff-1',
    });
    return zonedIso(new Date(hour + 3_600_000), 'America/Sao_Paulo');
  };
  const handler = new StartCheckInHandler(
    engine,
    new GetCourtHandler(courts),
    new GetMemberHandler(members),
    openSessions,
    courtBookings,
  );
  return { members, engine, handler, open, hold };
}

const sagaView = (data: unknown, id: string) =>
  ({
    id,
    type: 'check-in',
    state: 'RUNNING',
    step: 'reserve-credit',
    reason: null,
    data,
    createdAt: new Date(),
    updatedAt: new Date(),
  }) as never;

const request: StartCheckIn = {
  tenantId: 'club-a',
  courtId: 'court-1',
  memberId: 'ana',
  channel: 'app',
  topUpMethod: 'card',
  requestKey: 'app:ana:key-1',
};

describe('StartCheckInHandler', () => {
  it("starts the saga at the court's price with an id derived from the request, for an active member", async () => {
    const { members, engine, handler } = setup();
    await members.enrol('club-a', 'ana');
    const view = await handler.execute(request);
    expect(view).toMatchObject({ status: 'PENDING', memberId: 'ana', priceCentavos: 2_500 });
    expect((await handler.execute(request)).checkInId).toBe(view.checkInId);
    expect(
      (await handler.execute({ ...request, requestKey: 'app:bia:key-1', memberId: 'ana' })).checkInId,
    ).not.toBe(view.checkInId);
    expect(engine.start.mock.calls[0][2]).toMatchObject({ tenantId: 'club-a', sagaId: view.checkInId });
  });

  it("refuses another club's member or court (not found) and a suspended member, starting nothing", async () => {
    const { members, engine, handler } = setup();
    await members.enrol('club-b', 'ana'); // a member, but of another club
    await expect(handler.execute(request)).rejects.toBeInstanceOf(MemberNotFoundError);
    await members.enrol('club-a', 'ana');
    await expect(handler.execute({ ...request, courtId: 'court-9' })).rejects.toBeInstanceOf(
      CourtNotFoundError,
    );
    await members.setStatus('club-a', 'ana', 'suspended', 'unpaid');
    await expect(handler.execute(request)).rejects.toBeInstanceOf(MemberSuspendedError);
    expect(engine.start).not.toHaveBeenCalled();
  });

  it('refuses a member already on a court (no paying twice), but answers a repeat of the check-in that put them there', async () => {
    const { members, engine, handler, open } = setup();
    await members.enrol('club-a', 'ana');
    const first = await handler.execute(request);
    open.set('ana', {
      sessionId: 'ses_1',
      checkInId: first.checkInId,
      memberId: 'ana',
      courtId: 'court-1',
      startedAt: '2026-11-30T10:00:00.000Z',
      endedAt: null,
    });
    expect((await handler.execute(request)).checkInId).toBe(first.checkInId);
    const again = handler.execute({ ...request, requestKey: 'rfid:door-1:scan-2', channel: 'rfid' });
    await expect(again).rejects.toBeInstanceOf(AlreadyOnCourtError);
    await expect(again).rejects.toMatchObject({ code: 'already_on_court', details: { sessionId: 'ses_1' } });
    expect(engine.start).toHaveBeenCalledTimes(2);
  });

  it('answers a member already checking in with the check-in in progress', async () => {
    const { members, handler } = setup(async () => {
      throw new SagaLockedError('check-in', 'ana', 'active-id');
    });
    await members.enrol('club-a', 'ana');
    await expect(handler.execute(request)).rejects.toMatchObject(new CheckInInProgressError('active-id'));
  });

  describe('during a booking of the court', () => {
    it("refuses another member's check-in, saying until when and not whose booking it is", async () => {
      const { members, engine, handler, hold } = setup();
      await members.enrol('club-a', 'ana');
      const until = await hold('bia');
      const refused = handler.execute(request);
      await expect(refused).rejects.toBeInstanceOf(CourtBookedError);
      await expect(refused).rejects.toMatchObject({
        kind: 'conflict',
        code: 'court_booked',
        reason: `court court-1 is booked by another member until ${until}`,
        details: { courtId: 'court-1', localBookedUntil: until },
      });
      await expect(refused).rejects.not.toHaveProperty('details.memberId');
      expect(engine.start).not.toHaveBeenCalled();
    });

    it("accepts the booker's own check-in, and refuses everyone while staff block the court", async () => {
      const { members, engine, handler, hold } = setup();
      await members.enrol('club-a', 'ana');
      await hold('ana');
      expect(await handler.execute(request)).toMatchObject({ status: 'PENDING', memberId: 'ana' });
      const until = await hold(null);
      await expect(handler.execute({ ...request, requestKey: 'app:ana:key-2' })).rejects.toMatchObject({
        code: 'court_booked',
        reason: `court court-1 is closed by the club until ${until}`,
      });
      expect(engine.start).toHaveBeenCalledTimes(1);
    });
  });
});
