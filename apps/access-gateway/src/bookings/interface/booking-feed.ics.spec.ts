import ICAL from 'ical.js';
import type { Booking } from '../domain/booking';
import { feedEvent, feedName, type FeedCalendar } from '../domain/booking-feed';
import { renderFeedIcs } from './booking-feed.ics';

const booking = (over: Partial<Booking> = {}): Booking => ({
  bookingId: '0b6f3c52-8a51-4c57-9d0e-2f7a5e1c9d11',
  courtId: 'court-1',
  memberId: 'ana',
  blockReason: null,
  startsAt: '2026-12-01T13:00:00.000Z', // 10:00 in São Paulo
  endsAt: '2026-12-01T14:30:00.000Z',
  status: 'booked',
  bookedBy: 'ana',
  cancelledAt: null,
  cancelReason: null,
  version: 1,
  createdAt: '2026-11-20T12:00:00.000Z',
  updatedAt: '2026-11-21T12:00:00.000Z',
  ...over,
});

const calendar = (events: Booking[], over: Partial<FeedCalendar> = {}): FeedCalendar => ({
  name: feedName('member', 'Ana Souza'),
  timeZone: 'America/Sao_Paulo',
  events: events.map((b) => feedEvent(b, 'Quadra 1')),
  ...over,
});

/** The calendar as a calendar app reads it (ical.js, Mozilla's parser), its zones registered. */
function parse(ics: string) {
  const vcalendar = new ICAL.Component(ICAL.parse(ics));
  for (const tz of vcalendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  }
  return { vcalendar, events: vcalendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e)) };
}

/** The unfolded content lines (RFC 5545 §3.1). */
const lines = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n');

describe('booking feed as iCalendar', () => {
  afterEach(() => ICAL.TimezoneService.reset());

  it("writes a booking on the club's clock with its VTIMEZONE, a stable UID and its version", () => {
    const ics = renderFeedIcs(calendar([booking({ version: 3 })]));
    const { vcalendar, events } = parse(ics);
    const [event] = events;
    expect(lines(ics)).toEqual(
      expect.arrayContaining([
        'DTSTART;TZID=America/Sao_Paulo:20261201T100000',
        'DTEND;TZID=America/Sao_Paulo:20261201T113000',
        'UID:0b6f3c52-8a51-4c57-9d0e-2f7a5e1c9d11@sportclub',
        'SEQUENCE:3',
        'DTSTAMP:20261121T120000Z',
        'STATUS:CONFIRMED',
        'SUMMARY:Court Quadra 1',
        'LOCATION:Quadra 1',
        'REFRESH-INTERVAL;VALUE=DURATION:PT15M',
        'X-PUBLISHED-TTL:PT15M',
        'X-WR-CALNAME:Court bookings of Ana Souza',
        'X-WR-TIMEZONE:America/Sao_Paulo',
        'METHOD:PUBLISH',
      ]),
    );
    expect(vcalendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe(
      'America/Sao_Paulo',
    );
    // Read back through the VTIMEZONE, the local times are the booking's instants.
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-01T13:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-01T14:30:00.000Z');
    expect(event.startDate.zone?.tzid).toBe('America/Sao_Paulo');
  });

  it('keeps a cancelled booking, as cancelled, so subscribed calendars remove it', () => {
    const ics = renderFeedIcs(
      calendar([booking({ status: 'cancelled', version: 2, cancelledAt: '2026-11-22T12:00:00.000Z' })]),
    );
    const [event] = parse(ics).events;
    expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.sequence).toBe(2);
  });

  it('names a staff block by its reason, and reads instants across a daylight-saving change', () => {
    const ics = renderFeedIcs(
      calendar(
        [
          booking({
            memberId: null,
            blockReason: 'Net repair; court closed',
            startsAt: '2026-03-28T23:00:00.000Z',
            endsAt: '2026-03-29T02:00:00.000Z',
          }),
        ],
        { name: feedName('club', null), timeZone: 'Europe/Lisbon' },
      ),
    );
    const [event] = parse(ics).events;
    expect(event.summary).toBe('Blocked: Net repair; court closed');
    expect(lines(ics)).toContain('SUMMARY:Blocked: Net repair\\; court closed');
    // Lisbon moves from +00:00 to +01:00 at 01:00 UTC on 29 March 2026: 23:00 to 03:00 local.
    expect(lines(ics)).toContain('DTSTART;TZID=Europe/Lisbon:20260328T230000');
    expect(lines(ics)).toContain('DTEND;TZID=Europe/Lisbon:20260329T030000');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-29T02:00:00.000Z');
    expect(lines(ics)).toContain('X-WR-CALNAME:Club court bookings');
  });

  it('ends lines with CRLF, folds long ones at 75 octets and escapes text, names included', () => {
    const court = 'Quadra Central Coberta com Iluminação de Competição e Arquibancada, lado norte';
    const ics = renderFeedIcs({
      ...calendar([]),
      name: feedName('member', 'Ana, "Aninha"; Souza'),
      events: [feedEvent(booking(), court)],
    });
    expect(ics).not.toMatch(/[^\r]\n/);
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(ics.split('\r\n').some((line) => line.startsWith(' '))).toBe(true);
    expect(parse(ics).events[0].summary).toBe(`Court ${court}`);
    // The name is TEXT (RFC 7986 NAME, and X-WR-CALNAME alike): its commas and semicolons escaped.
    expect(lines(ics)).toContain('NAME:Court bookings of Ana\\, "Aninha"\\; Souza');
    expect(lines(ics)).toContain('X-WR-CALNAME:Court bookings of Ana\\, "Aninha"\\; Souza');
  });

  it('writes an empty calendar that still names itself and its refresh interval', () => {
    const { vcalendar, events } = parse(renderFeedIcs(calendar([])));
    expect(events).toHaveLength(0);
    expect(vcalendar.getFirstPropertyValue('x-published-ttl')).toBe('PT15M');
  });
});
