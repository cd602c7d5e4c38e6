import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { parseOrBadRequest } from '@sportclub/service-kit';
import { GoogleApiException, invalid, notFound, required } from './google-calendar.errors';
import { instantOf, queryInstant, type EventDateTime } from './google-calendar.times';
import {
  compareKeys,
  decodePageToken,
  decodeSyncToken,
  encodePageToken,
  encodeSyncToken,
  queryFingerprint,
} from './google-calendar.tokens';

export const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';
const DEFAULT_PAGE = 250;
const MAX_PAGE = 2_500;

const text = z.string().nullable().optional();
const when = z
  .object({ date: z.string().optional(), dateTime: z.string().optional(), timeZone: z.string().optional() })
  .nullable()
  .optional();
const properties = z.record(z.string(), z.string().nullable()).nullable().optional();

/** The event fields a client writes (read-only ones — etag, created, organizer… — are ignored). */
const eventInput = z.object({
  id: z.string().optional(),
  iCalUID: z.string().optional(),
  status: z.enum(['confirmed', 'tentative', 'cancelled']).optional(),
  summary: text,
  description: text,
  location: text,
  colorId: text,
  transparency: z.enum(['opaque', 'transparent']).nullable().optional(),
  visibility: z.enum(['default', 'public', 'private', 'confidential']).nullable().optional(),
  start: when,
  end: when,
  recurrence: z.array(z.string()).nullable().optional(),
  attendees: z
    .array(z.looseObject({ email: z.string() }))
    .nullable()
    .optional(),
  reminders: z.looseObject({ useDefault: z.boolean().optional() }).nullable().optional(),
  source: z.object({ url: z.string(), title: z.string().optional() }).nullable().optional(),
  extendedProperties: z.object({ private: properties, shared: properties }).nullable().optional(),
});
export type EventInput = z.infer<typeof eventInput>;

/** Google's Event resource (the fields the sandbox keeps). */
export interface CalendarEvent {
  kind: 'calendar#event';
  etag: string;
  id: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  htmlLink: string;
  created: string;
  updated: string;
  summary?: string;
  description?: string;
  location?: string;
  colorId?: string;
  transparency?: string;
  visibility?: string;
  creator: { email: string; self?: boolean };
  organizer: { email: string; self?: boolean; displayName?: string };
  start: EventDateTime;
  end: EventDateTime;
  recurrence?: string[];
  attendees?: Record<string, unknown>[];
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
  iCalUID: string;
  sequence: number;
  reminders: Record<string, unknown>;
  source?: { url: string; title?: string };
  eventType: 'default';
}

interface StoredEvent {
  resource: CalendarEvent;
  /** The calendar's change counter when the event last changed: what sync tokens compare. */
  changeSeq: number;
  createdOrder: number;
  startMs: number;
  endMs: number;
}

export interface Calendar {
  id: string;
  owner: string;
  summary: string;
  description?: string;
  timeZone: string;
  /** Bumped on every event change. */
  seq: number;
  /** Bumped to invalidate every sync token issued so far. */
  generation: number;
  created: number;
  events: Map<string, StoredEvent>;
}

export interface CalendarResource {
  kind: 'calendar#calendar';
  etag: string;
  id: string;
  summary: string;
  description?: string;
  timeZone: string;
}

/** `events.list` parameters, as the query carries them. */
export interface ListQuery {
  timeMin?: string;
  timeMax?: string;
  updatedMin?: string;
  singleEvents?: string | boolean;
  orderBy?: string;
  showDeleted?: string | boolean;
  privateExtendedProperty?: string | string[];
  sharedExtendedProperty?: string | string[];
  q?: string;
  iCalUID?: string;
  maxResults?: string | number;
  pageToken?: string;
  syncToken?: string;
}

export interface EventsPage {
  kind: 'calendar#events';
  etag: string;
  summary: string;
  description?: string;
  updated: string;
  timeZone: string;
  accessRole: 'owner';
  defaultReminders: unknown[];
  nextPageToken?: string;
  nextSyncToken?: string;
  items: Partial<CalendarEvent>[];
}

export type ChangeListener = (calendarId: string) => void;

/** Parameters that cannot narrow an incremental sync (Google answers 400 when they come with one). */
const NOT_WITH_SYNC_TOKEN = [
  'timeMin',
  'timeMax',
  'updatedMin',
  'orderBy',
  'privateExtendedProperty',
  'sharedExtendedProperty',
  'q',
  'iCalUID',
] as const;

/**
 * Google Calendar's calendars and events, in memory. Every change bumps the calendar's counter and
 * stamps the event with it; a sync token is a counter value, so an incremental list is "events stamped
 * after it" — deleted events included, since a delete keeps the event as `status: cancelled`. Pages
 * are keyset-paged (the token holds the last item's sort key), so changes between page requests never
 * skip or repeat an item of the listing.
 */
@Injectable()
export class GoogleCalendarEvents {
  private readonly calendars = new Map<string, Calendar>();
  private readonly listeners: ChangeListener[] = [];
  private createdCounter = 0;

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /** The member's account: their primary calendar (id = their address), created on first sight. */
  ensureUser(email: string): Calendar {
    return this.calendars.get(email) ?? this.addCalendar(email, email, { summary: email });
  }

  /** A secondary calendar (`…@group.calendar.google.com` unless the admin names it). */
  createCalendar(
    owner: string,
    input: { id?: string; summary?: string; description?: string; timeZone?: string },
  ): Calendar {
    this.ensureUser(owner);
    if (!input.summary) throw required('Missing title.', 'summary');
    const id = input.id ?? `${randomId()}@group.calendar.google.com`;
    if (this.calendars.has(id)) {
      throw new GoogleApiException(409, 'The requested identifier already exists.', 'duplicate');
    }
    return this.addCalendar(id, owner, input);
  }

  calendarsOf(email: string): Calendar[] {
    return [...this.calendars.values()].filter((c) => c.owner === email);
  }

  /** A calendar the member may use (`primary` = theirs); 404 for any other, as Google hides them. */
  calendarFor(email: string, calendarId: string): Calendar {
    if (calendarId === 'primary') return this.ensureUser(email);
    const calendar = this.calendars.get(calendarId);
    if (!calendar || calendar.owner !== email) throw notFound();
    return calendar;
  }

  /** Any calendar, for the admin API. */
  calendar(calendarId: string): Calendar {
    const calendar = this.calendars.get(calendarId);
    if (!calendar) throw notFound();
    return calendar;
  }

  static resource(calendar: Calendar): CalendarResource {
    return {
      kind: 'calendar#calendar',
      etag: `"${calendar.created}"`,
      id: calendar.id,
      summary: calendar.summary,
      ...(calendar.description && { description: calendar.description }),
      timeZone: calendar.timeZone,
    };
  }

  insert(calendar: Calendar, body: unknown): CalendarEvent {
    const input = parseOrBadRequest(eventInput, body ?? {}, 'invalid');
    if (input.id !== undefined && !/^[a-v0-9]{5,1024}$/.test(input.id)) {
      throw invalid('Invalid resource id value.', 'id');
    }
    const id = input.id ?? randomId();
    if (calendar.events.has(id)) {
      throw new GoogleApiException(409, 'The requested identifier already exists.', 'duplicate');
    }
    const now = new Date().toISOString();
    const draft: CalendarEvent = {
      kind: 'calendar#event',
      etag: '',
      id,
      status: 'confirmed',
      htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${id} ${calendar.id}`).toString('base64url')}`,
      created: now,
      updated: now,
      creator: { email: calendar.owner, self: true },
      organizer: {
        email: calendar.id,
        self: true,
        ...(calendar.id !== calendar.owner && { displayName: calendar.summary }),
      },
      start: {},
      end: {},
      iCalUID: input.iCalUID ?? `${id}@google.com`,
      sequence: 0,
      reminders: { useDefault: true },
      eventType: 'default',
    };
    const stored: StoredEvent = {
      resource: draft,
      changeSeq: 0,
      createdOrder: ++this.createdCounter,
      startMs: 0,
      endMs: 0,
    };
    this.apply(calendar, stored, withoutIds(input), 'replace');
    calendar.events.set(id, stored);
    return stored.resource;
  }

  /** Every event of the calendar as stored (cancelled ones too), oldest first: the admin's view. */
  all(calendar: Calendar): CalendarEvent[] {
    return [...calendar.events.values()]
      .sort((a, b) => a.createdOrder - b.createdOrder)
      .map((e) => e.resource);
  }

  get(calendar: Calendar, eventId: string): CalendarEvent {
    return this.stored(calendar, eventId).resource;
  }

  /** `events.patch` (`If-Match` honoured, as for update and delete): the fields sent replace the event's; nested objects merge; `null` clears. */
  patch(calendar: Calendar, eventId: string, body: unknown, ifMatch?: string): CalendarEvent {
    const stored = this.stored(calendar, eventId, ifMatch);
    this.apply(calendar, stored, withoutIds(parseOrBadRequest(eventInput, body ?? {}, 'invalid')), 'merge');
    return stored.resource;
  }

  /** `events.update`: the event becomes what was sent (start and end required again). */
  update(calendar: Calendar, eventId: string, body: unknown, ifMatch?: string): CalendarEvent {
    const stored = this.stored(calendar, eventId, ifMatch);
    this.apply(calendar, stored, withoutIds(parseOrBadRequest(eventInput, body ?? {}, 'invalid')), 'replace');
    return stored.resource;
  }

  /** `events.delete`: the event stays as `cancelled` (what incremental sync answers); twice is 410. */
  delete(calendar: Calendar, eventId: string, ifMatch?: string): void {
    const stored = this.stored(calendar, eventId, ifMatch);
    if (stored.resource.status === 'cancelled') {
      throw new GoogleApiException(410, 'Resource has been deleted', 'deleted');
    }
    stored.resource.status = 'cancelled';
    this.touch(calendar, stored);
  }

  /** Every sync token issued for the calendar becomes stale: the next incremental list is a 410. */
  invalidateSyncTokens(calendar: Calendar): void {
    calendar.generation++;
  }

  list(calendar: Calendar, query: ListQuery): EventsPage {
    const maxResults = query.maxResults === undefined ? DEFAULT_PAGE : Number(query.maxResults);
    if (!Number.isInteger(maxResults) || maxResults < 1)
      throw invalid('Invalid value for: maxResults', 'maxResults');
    const singleEvents = flag(query.singleEvents);
    const showDeleted = flag(query.showDeleted);
    if (query.orderBy !== undefined && query.orderBy !== 'startTime' && query.orderBy !== 'updated') {
      throw invalid(`Invalid value for: orderBy`, 'orderBy');
    }
    if (query.orderBy === 'startTime' && !singleEvents) {
      throw new GoogleApiException(
        400,
        'The requested ordering is not available for the particular query.',
        'badRequest',
      );
    }
    let since: number | null = null;
    if (query.syncToken !== undefined) {
      const conflicting = NOT_WITH_SYNC_TOKEN.filter((p) => query[p] !== undefined);
      if (conflicting.length) {
        throw invalid(`Sync token cannot be used with ${conflicting.join(', ')}.`, conflicting[0]);
      }
      if (query.showDeleted !== undefined && !showDeleted) {
        throw invalid('showDeleted cannot be false with a sync token.', 'showDeleted');
      }
      const position = decodeSyncToken(query.syncToken);
      if (
        !position ||
        position.calendarId !== calendar.id ||
        position.generation !== calendar.generation ||
        position.seq > calendar.seq
      ) {
        throw new GoogleApiException(
          410,
          'Sync token is no longer valid, a full sync is required.',
          'fullSyncRequired',
        );
      }
      since = position.seq;
    }
    const filters = {
      timeMin: query.timeMin === undefined ? undefined : queryInstant(query.timeMin, 'timeMin'),
      timeMax: query.timeMax === undefined ? undefined : queryInstant(query.timeMax, 'timeMax'),
      updatedMin: query.updatedMin === undefined ? undefined : queryInstant(query.updatedMin, 'updatedMin'),
      privateProps: pairs(query.privateExtendedProperty, 'privateExtendedProperty'),
      sharedProps: pairs(query.sharedExtendedProperty, 'sharedExtendedProperty'),
      q: query.q?.toLowerCase(),
      iCalUID: query.iCalUID,
      orderBy: query.orderBy,
      showDeleted,
      singleEvents,
      sync: since !== null,
    };
    const fingerprint = queryFingerprint(filters);
    let after: number[] | null = null;
    let snapshot = calendar.seq;
    if (query.pageToken !== undefined) {
      const page = decodePageToken(query.pageToken);
      if (
        !page ||
        page.calendarId !== calendar.id ||
        page.query !== fingerprint ||
        (since !== null && page.since !== since)
      ) {
        throw invalid('Invalid page token value.', 'pageToken');
      }
      if (page.generation !== calendar.generation && since !== null) {
        throw new GoogleApiException(
          410,
          'Sync token is no longer valid, a full sync is required.',
          'fullSyncRequired',
        );
      }
      after = page.after;
      snapshot = page.snapshot;
    }

    const key = (e: StoredEvent): number[] =>
      since !== null || filters.orderBy === 'updated'
        ? [e.changeSeq]
        : filters.orderBy === 'startTime'
          ? [e.startMs, e.createdOrder]
          : [e.createdOrder];
    const matching = [...calendar.events.values()]
      .filter((e) => {
        const r = e.resource;
        if (since !== null) return e.changeSeq > since && e.changeSeq <= snapshot;
        if (r.status === 'cancelled' && !filters.showDeleted) return false;
        if (filters.timeMin !== undefined && e.endMs <= filters.timeMin) return false;
        if (filters.timeMax !== undefined && e.startMs >= filters.timeMax) return false;
        if (filters.updatedMin !== undefined && Date.parse(r.updated) < filters.updatedMin) return false;
        if (filters.iCalUID !== undefined && r.iCalUID !== filters.iCalUID) return false;
        if (!filters.privateProps.every(([k, v]) => r.extendedProperties?.private?.[k] === v)) return false;
        if (!filters.sharedProps.every(([k, v]) => r.extendedProperties?.shared?.[k] === v)) return false;
        if (
          filters.q &&
          ![r.summary, r.description, r.location].some((t) => t?.toLowerCase().includes(filters.q!))
        ) {
          return false;
        }
        return true;
      })
      .map((e) => ({ e, key: key(e) }))
      .filter(({ key: k }) => after === null || compareKeys(k, after) > 0)
      .sort((a, b) => compareKeys(a.key, b.key));
    const page = matching.slice(0, Math.min(maxResults, MAX_PAGE));
    const more = matching.length > page.length;
    const latest = Math.max(
      calendar.created,
      ...[...calendar.events.values()].map((e) => Date.parse(e.resource.updated)),
    );
    return {
      kind: 'calendar#events',
      etag: `"${latest}${String(snapshot).padStart(4, '0')}"`,
      summary: calendar.summary,
      ...(calendar.description && { description: calendar.description }),
      updated: new Date(latest).toISOString(),
      timeZone: calendar.timeZone,
      accessRole: 'owner',
      defaultReminders: [{ method: 'popup', minutes: 30 }],
      ...(more
        ? {
            nextPageToken: encodePageToken({
              calendarId: calendar.id,
              generation: calendar.generation,
              snapshot,
              since,
              after: page[page.length - 1].key,
              query: fingerprint,
            }),
          }
        : {
            nextSyncToken: encodeSyncToken({
              calendarId: calendar.id,
              generation: calendar.generation,
              seq: snapshot,
            }),
          }),
      items: page.map(({ e }) => listed(e.resource)),
    };
  }

  private addCalendar(
    id: string,
    owner: string,
    input: { summary?: string; description?: string; timeZone?: string },
  ): Calendar {
    const calendar: Calendar = {
      id,
      owner,
      summary: input.summary ?? id,
      description: input.description,
      timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
      seq: 0,
      generation: 0,
      created: Date.now(),
      events: new Map(),
    };
    this.calendars.set(id, calendar);
    return calendar;
  }

  /** The event; with `If-Match`, only while its etag is that one (else 412 `conditionNotMet`). */
  private stored(calendar: Calendar, eventId: string, ifMatch?: string): StoredEvent {
    const stored = calendar.events.get(eventId);
    if (!stored) throw notFound();
    if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== stored.resource.etag) {
      throw new GoogleApiException(412, 'Precondition Failed', 'conditionNotMet', {
        location: 'If-Match',
        locationType: 'header',
      });
    }
    return stored;
  }

  /** Writes the input into the event (whole or merged), checks its times, and records the change. */
  private apply(
    calendar: Calendar,
    stored: StoredEvent,
    input: Omit<EventInput, 'id' | 'iCalUID'>,
    mode: 'replace' | 'merge',
  ): void {
    const current = stored.resource;
    const next: CalendarEvent =
      mode === 'replace'
        ? {
            ...pick(current, [
              'kind',
              'etag',
              'id',
              'htmlLink',
              'created',
              'updated',
              'creator',
              'organizer',
              'iCalUID',
              'sequence',
              'eventType',
            ]),
            status: current.status === 'cancelled' ? 'confirmed' : current.status,
            start: {},
            end: {},
            reminders: { useDefault: true },
          }
        : structuredClone(current);
    for (const [field, value] of Object.entries(input)) {
      const target = next as unknown as Record<string, unknown>;
      if (value === null) delete target[field];
      else if (mode === 'merge' && isPlainObject(value) && isPlainObject(target[field]))
        target[field] = merge(target[field], value);
      else target[field] = mode === 'replace' ? withoutNulls(value) : value;
    }
    const startMs = instantOf(next.start, calendar.timeZone, 'start');
    const endMs = instantOf(next.end, calendar.timeZone, 'end');
    if (endMs < startMs || (endMs === startMs && next.end.date !== undefined)) {
      throw new GoogleApiException(400, 'The specified time range is empty.', 'timeRangeEmpty', {
        location: 'end.dateTime',
        locationType: 'parameter',
      });
    }
    if (stored.changeSeq > 0 && (startMs !== stored.startMs || endMs !== stored.endMs)) next.sequence++;
    stored.resource = next;
    stored.startMs = startMs;
    stored.endMs = endMs;
    this.touch(calendar, stored);
  }

  private touch(calendar: Calendar, stored: StoredEvent): void {
    stored.changeSeq = ++calendar.seq;
    const updated = Math.max(Date.now(), Date.parse(stored.resource.updated));
    stored.resource.updated = new Date(updated).toISOString();
    stored.resource.etag = `"${updated}${String(stored.changeSeq).padStart(4, '0')}"`;
    for (const listener of this.listeners) listener(calendar.id);
  }
}

/** A cancelled event in a listing is only what sync needs: which event, and that it is gone. */
function listed(event: CalendarEvent): Partial<CalendarEvent> {
  if (event.status !== 'cancelled') return event;
  return pick(event, ['kind', 'etag', 'id', 'status', 'updated']);
}

function withoutIds(input: EventInput): Omit<EventInput, 'id' | 'iCalUID'> {
  const { id: _id, iCalUID: _uid, ...rest } = input;
  return rest;
}

function flag(value: string | boolean | undefined): boolean {
  return value === true || value === 'true';
}

/** `key=value` filters (repeated parameter) as pairs. */
function pairs(value: string | string[] | undefined, name: string): [string, string][] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.map((item) => {
    const eq = typeof item === 'string' ? item.indexOf('=') : -1;
    if (eq <= 0) throw invalid(`Invalid value for: ${name} (key=value)`, name);
    return [item.slice(0, eq), item.slice(eq + 1)];
  });
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Patch semantics: objects merge key by key, `null` removes a key, anything else replaces. */
function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (isPlainObject(v) && isPlainObject(out[k])) out[k] = merge(out[k], v);
    else out[k] = v;
  }
  return out;
}

function withoutNulls(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (source[k] !== undefined) out[k] = source[k];
  return out;
}

/** Google's event ids: base32hex (a–v, 0–9). */
function randomId(): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuv';
  return [...randomBytes(26)].map((b) => alphabet[b % 32]).join('');
}
