import type { GoogleEvent } from '../../../shared/application/ports/google.port';

/** A connection's upcoming events as last read from Google. */
export interface UpcomingRead {
  events: GoogleEvent[];
  readAt: string;
}

/** Reads of upcoming events, cached for 300 s (seed 002) and dropped whenever the calendar changes. */
export interface UpcomingCachePort {
  get(connectionId: string): Promise<UpcomingRead | undefined>;
  set(connectionId: string, read: UpcomingRead): Promise<void>;
  drop(connectionId: string): Promise<void>;
}

export const UPCOMING_CACHE = Symbol('UPCOMING_CACHE');
