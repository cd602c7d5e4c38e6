import { CreateCalendarSync1765600000000 } from './shared/infrastructure/calendar-sync.migration';

/** calendar-sync's schema, in the order the migrations apply. */
export const CALENDAR_SYNC_MIGRATIONS = [CreateCalendarSync1765600000000];
