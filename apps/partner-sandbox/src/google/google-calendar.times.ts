import { invalid, required } from './google-calendar.errors';

/** An event's `start` or `end`: a timed instant, or an all-day `date`. */
export interface EventDateTime {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The instant (ms) an event boundary stands for. A `dateTime` with an offset is that instant; without
 * one it is wall-clock time in `timeZone` (or the calendar's zone); an all-day `date` starts at
 * midnight in that zone. Errors are Google's 400s for the field.
 */
export function instantOf(
  when: EventDateTime | undefined,
  calendarZone: string,
  field: 'start' | 'end',
): number {
  if (!when || (!when.dateTime && !when.date)) {
    throw required(`Missing ${field} time.`, field);
  }
  const zone = when.timeZone ?? calendarZone;
  if (!validZone(zone)) throw invalid(`Invalid time zone definition for ${field} time.`, `${field}.timeZone`);
  if (when.dateTime) {
    const match = RFC3339.exec(when.dateTime);
    if (!match || Number.isNaN(Date.parse(withoutFraction(when.dateTime, match[2])))) {
      throw invalid(`Invalid ${field} time.`, `${field}.dateTime`);
    }
    return match[2] ? Date.parse(when.dateTime) : zonedToInstant(when.dateTime, zone);
  }
  if (!DATE.test(when.date!) || Number.isNaN(Date.parse(when.date!))) {
    throw invalid(`Invalid ${field} time.`, `${field}.date`);
  }
  return zonedToInstant(`${when.date}T00:00:00`, zone);
}

/** A query bound (`timeMin`, `timeMax`, `updatedMin`): RFC 3339 with a mandatory offset. */
export function queryInstant(value: string, name: string): number {
  const match = RFC3339.exec(value);
  if (!match?.[2] || Number.isNaN(Date.parse(value))) {
    throw invalid(`Invalid value for: ${name} (RFC 3339 with a time zone offset)`, name);
  }
  return Date.parse(value);
}

/** Wall-clock `YYYY-MM-DDTHH:mm:ss` in an IANA zone → the instant, through Intl's offsets. */
export function zonedToInstant(local: string, zone: string): number {
  const asUtc = Date.parse(`${local.slice(0, 19)}Z`);
  const first = asUtc - offsetAt(asUtc, zone);
  const second = asUtc - offsetAt(first, zone);
  return second;
}

function offsetAt(instant: number, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return wall - Math.floor(instant / 1_000) * 1_000;
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const withoutFraction = (value: string, offset: string | undefined) => (offset ? value : `${value}Z`);
