import { GoogleCalendarEvents, type Calendar, type ListQuery } from './google-calendar.events';
import { decodeSyncToken, encodeSyncToken } from './google-calendar.tokens';

const at = (hour: number, tag?: string) => ({
  summary: `Quadra ${hour}h`,
  start: { dateTime: `2031-05-02T${String(hour).padStart(2, '0')}:00:00`, timeZone: 'America/Sao_Paulo' },
  end: { dateTime: `2031-05-02T${String(hour).padStart(2, '0')}:45:00`, timeZone: 'America/Sao_Paulo' },
  ...(tag && { extendedProperties: { private: { tag } } }),
});

/** Every item of a listing, following nextPageToken; with the closing sync token. */
function listAll(store: GoogleCalendarEvents, calendar: Calendar, query: ListQuery) {
  const items: { id?: string; status?: string }[] = [];
  let pageToken = query.pageToken;
  let pages = 0;
  for (;;) {
    const page = store.list(calendar, { ...query, pageToken });
    pages++;
    items.push(...page.items);
    if (!page.nextPageToken) return { items, pages, syncToken: page.nextSyncToken! };
    expect(page.nextSyncToken).toBeUndefined();
    pageToken = page.nextPageToken;
  }
}

const gone = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as { getStatus(): number; getResponse(): { error: { errors: { reason: string }[] } } };
  }
  throw new Error('expected a refusal');
};

describe('GoogleCalendarEvents', () => {
  let store: GoogleCalendarEvents;
  let calendar: Calendar;
  beforeEach(() => {
    store = new GoogleCalendarEvents();
    calendar = store.ensureUser('ana@gmail.com');
  });

  it('converts wall-clock times in the event time zone to instants for the window filter', () => {
    store.insert(calendar, at(19));
    const inWindow = (timeMin: string, timeMax: string) =>
      store.list(calendar, { timeMin, timeMax }).items.length;
    // 19:00–19:45 in São Paulo (UTC−3) is 22:00–22:45 UTC.
    expect(inWindow('2031-05-02T22:00:00Z', '2031-05-02T22:10:00Z')).toBe(1);
    expect(inWindow('2031-05-02T22:45:00Z', '2031-05-03T00:00:00Z')).toBe(0); // ends at timeMin: out
    expect(inWindow('2031-05-02T21:00:00Z', '2031-05-02T22:00:00Z')).toBe(0); // starts at timeMax: out
  });

  it('pages in start-time order without skipping or repeating, even when events change between pages', () => {
    for (const hour of [14, 9, 11, 16, 10, 15, 12]) store.insert(calendar, at(hour, 'run'));
    const query: ListQuery = {
      orderBy: 'startTime',
      singleEvents: 'true',
      maxResults: '3',
      privateExtendedProperty: 'tag=run',
    };
    const first = store.list(calendar, query);
    // An event of the first page moves to the end of the day meanwhile.
    store.patch(calendar, first.items[0].id!, at(17, 'run'));
    const rest = listAll(store, calendar, { ...query, pageToken: first.nextPageToken });
    const summaries = [...first.items, ...rest.items].map((e) => (e as { summary: string }).summary);
    expect(summaries).toEqual([
      'Quadra 9h',
      'Quadra 10h',
      'Quadra 11h',
      'Quadra 12h',
      'Quadra 14h',
      'Quadra 15h',
      'Quadra 16h',
      'Quadra 17h',
    ]);
  });

  it('answers only the changes since a sync token, cancelled events included, in change order', () => {
    const [a, b, c] = [at(9), at(10), at(11)].map((e) => store.insert(calendar, e).id);
    const full = listAll(store, calendar, { maxResults: 2 });
    expect(full.pages).toBe(2);
    expect(full.items.map((e) => e.id)).toEqual([a, b, c]);

    store.delete(calendar, b);
    store.patch(calendar, a, { location: 'Quadra 4' });
    const d = store.insert(calendar, at(12)).id;
    const changes = listAll(store, calendar, { syncToken: full.syncToken, maxResults: 2 });
    expect(changes.items.map((e) => [e.id, e.status])).toEqual([
      [b, 'cancelled'],
      [a, 'confirmed'],
      [d, 'confirmed'],
    ]);
    expect(Object.keys(changes.items[0]).sort()).toEqual(['etag', 'id', 'kind', 'status', 'updated']);
    expect(listAll(store, calendar, { syncToken: changes.syncToken }).items).toEqual([]);
    // A full list leaves the cancelled event out unless asked.
    expect(listAll(store, calendar, {}).items.map((e) => e.id)).toEqual([a, c, d]);
    expect(listAll(store, calendar, { showDeleted: 'true' }).items).toHaveLength(4);
  });

  it('a change made while a full listing is paged shows up in the next incremental sync', () => {
    const ids = [9, 10, 11].map((h) => store.insert(calendar, at(h)).id);
    const first = store.list(calendar, { maxResults: 2 });
    store.patch(calendar, ids[0], { summary: 'late edit' });
    const last = store.list(calendar, { maxResults: 2, pageToken: first.nextPageToken });
    const changes = store.list(calendar, { syncToken: last.nextSyncToken });
    expect(changes.items.map((e) => e.id)).toEqual([ids[0]]);
  });

  it('answers 410 fullSyncRequired for an invalidated, foreign or forged sync token', () => {
    store.insert(calendar, at(9));
    const { syncToken } = listAll(store, calendar, {});
    const other = store.ensureUser('bruno@gmail.com');
    store.invalidateSyncTokens(calendar);
    for (const [cal, token] of [
      [calendar, syncToken],
      [other, syncToken],
      [calendar, 'garbage'],
      [calendar, encodeSyncToken({ ...decodeSyncToken(syncToken)!, generation: 1, seq: 99 })],
    ] as const) {
      const refusal = gone(() => store.list(cal, { syncToken: token }));
      expect(refusal.getStatus()).toBe(410);
      expect(refusal.getResponse().error.errors[0].reason).toBe('fullSyncRequired');
    }
    expect(listAll(store, calendar, {}).items).toHaveLength(1);
  });

  it('refuses filters with a sync token and startTime order without singleEvents', () => {
    const { syncToken } = listAll(store, calendar, {});
    expect(gone(() => store.list(calendar, { syncToken, timeMin: '2031-01-01T00:00:00Z' })).getStatus()).toBe(
      400,
    );
    expect(gone(() => store.list(calendar, { orderBy: 'startTime' })).getStatus()).toBe(400);
    expect(gone(() => store.list(calendar, { timeMin: '2031-01-01T00:00:00' })).getStatus()).toBe(400);
  });

  it('patch merges extended properties (null removes one); update replaces the event', () => {
    const id = store.insert(calendar, {
      ...at(9),
      location: 'Quadra 1',
      extendedProperties: { private: { bookingId: 'b-1', tenant: 't-1' } },
    }).id;
    const patched = store.patch(calendar, id, {
      extendedProperties: { private: { tenant: null, court: '2' } },
    });
    expect(patched.extendedProperties).toEqual({ private: { bookingId: 'b-1', court: '2' } });
    expect(patched.location).toBe('Quadra 1');
    expect(patched.sequence).toBe(0);
    const replaced = store.update(calendar, id, at(10));
    expect(replaced.location).toBeUndefined();
    expect(replaced.extendedProperties).toBeUndefined();
    expect(replaced.sequence).toBe(1); // the time moved
    expect(replaced.etag).not.toBe(patched.etag);
  });

  it('honours If-Match: a stale etag is 412 conditionNotMet and changes nothing', () => {
    const created = store.insert(calendar, at(9));
    const stale = created.etag;
    store.patch(calendar, created.id, { summary: 'edited in Google' }, stale);
    const refused = gone(() => store.patch(calendar, created.id, { summary: 'ours' }, stale));
    expect(refused.getStatus()).toBe(412);
    expect(refused.getResponse().error.errors[0].reason).toBe('conditionNotMet');
    expect(gone(() => store.delete(calendar, created.id, stale)).getStatus()).toBe(412);
    expect(store.get(calendar, created.id).summary).toBe('edited in Google');
  });

  it('refuses an empty time range and an invalid zone', () => {
    const backwards = { ...at(10), end: at(9).start };
    expect(gone(() => store.insert(calendar, backwards)).getResponse().error.errors[0].reason).toBe(
      'timeRangeEmpty',
    );
    const badZone = { ...at(10), start: { dateTime: '2031-05-02T10:00:00', timeZone: 'Mars/Olympus' } };
    expect(gone(() => store.insert(calendar, badZone)).getStatus()).toBe(400);
  });

  it('notifies listeners on every change of a calendar', () => {
    const changed: string[] = [];
    store.onChange((id) => changed.push(id));
    const id = store.insert(calendar, at(9)).id;
    store.patch(calendar, id, { summary: 'x' });
    store.delete(calendar, id);
    expect(changed).toEqual(['ana@gmail.com', 'ana@gmail.com', 'ana@gmail.com']);
  });
});
