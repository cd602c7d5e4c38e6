import { TZDate } from '@date-fns/tz';
import ical, { ICalCalendarMethod, ICalEventStatus, escape } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { FEED_REFRESH_MINUTES, type FeedCalendar } from '../domain/booking-feed';

export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/** The zone's VTIMEZONE (current IANA rules, from timezones-ical-library); none for a zone it lacks. */
const vtimezone = (timeZone: string): string | null => {
  const block = tzlib_get_ical_block(timeZone);
  return Array.isArray(block) ? block[0] : null;
};

/**
 * A feed as an RFC 5545 calendar, written by ical-generator (escaping, CRLF, line folding). Events are
 * on the club's clock — `DTSTART;TZID=America/Sao_Paulo:20261201T100000` with the zone's VTIMEZONE —
 * so calendars show them at the club's time wherever the subscriber is. ical-generator reads a plain
 * Date in the process's own zone, so times are handed over as TZDate in the club's zone. DTSTAMP and
 * LAST-MODIFIED are the booking's last change, in UTC: a refresh of an unchanged feed is the same text.
 */
export function renderFeedIcs(feed: FeedCalendar): string {
  const calendar = ical({
    prodId: { company: 'Sport Tech Club', product: 'Court bookings', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // ical-generator writes the name as given (NAME, X-WR-CALNAME): escaped here as TEXT.
    name: escape(feed.name, false),
    ttl: FEED_REFRESH_MINUTES * 60,
    // No calendar-wide zone (it would write DTSTAMP without its Z): each event names the club's zone,
    // and the generator adds that zone's VTIMEZONE once.
    timezone: { name: null, generator: vtimezone },
  });
  calendar.x('X-WR-TIMEZONE', feed.timeZone);
  for (const e of feed.events) {
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence,
      stamp: new Date(e.updatedAt),
      created: new Date(e.createdAt),
      lastModified: new Date(e.updatedAt),
      timezone: feed.timeZone,
      start: new TZDate(Date.parse(e.startsAt), feed.timeZone),
      end: new TZDate(Date.parse(e.endsAt), feed.timeZone),
      summary: e.summary,
      location: e.location,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
