import type { Transaction } from '@sportclub/service-kit';
import type { Connection } from '../../../connections/domain/connection';
import type { Booking } from '../../domain/booking';

/** A booking's event to write in one connection's calendar, claimed for one attempt. */
export interface DueWrite {
  connection: Connection;
  booking: Booking;
  eventId: string;
  /** The booking version last written (0: never). */
  writtenVersion: number;
  attempts: number;
}

/** A booking's event as linked in a connection (for reading changes back). */
export interface LinkedBooking {
  booking: Booking;
  /** Whether a write of it is still pending (then what Google shows is not judged). */
  due: boolean;
}

export type Notified = 'due-now' | 'accepted' | 'unknown-channel' | 'bad-token';

export interface SyncRepositoryPort {
  /** Keeps the booking if it is newer than the one held; answers whether it was. */
  recordBooking(tx: Transaction, booking: Booking): Promise<boolean>;
  /** Makes the booking's event due in every active connection that holds it (links created as needed). */
  linkBooking(tx: Transaction, booking: Booking): Promise<number>;
  /** Makes every upcoming booking of the connection's scope due in it (a first sync, an operator re-sync). */
  linkUpcoming(tx: Transaction, connection: Connection): Promise<number>;
  /**
   * Claims due writes (each leased for `leaseMs`), oldest first, at most `perClub` per club and none of
   * `busyClubs`, of active connections not held by a rate limit.
   */
  claimWrites(limit: number, perClub: number, busyClubs: string[], leaseMs: number): Promise<DueWrite[]>;
  /** The write is done: not due any more unless the booking changed meanwhile. */
  written(connectionId: string, bookingId: string, version: number): Promise<void>;
  /** The write failed: due again at `retryAt` (null: given up, with the error kept). */
  writeFailed(connectionId: string, bookingId: string, error: string, retryAt: Date | null): Promise<void>;
  /** Holds the connection's writes and reads until `until` (Google's Retry-After). */
  pause(connectionId: string, until: Date): Promise<void>;
  /** Claims connections due for a read back (leased); answers each with the lease it holds. */
  claimPulls(limit: number, leaseMs: number): Promise<{ connection: Connection; lease: string }[]>;
  linkedBookings(
    tx: Transaction,
    connectionId: string,
    eventIds: string[],
  ): Promise<Map<string, LinkedBooking>>;
  /** Makes these bookings' events due again in the connection (to restore them). */
  redo(tx: Transaction, connectionId: string, bookingIds: string[]): Promise<void>;
  /** Read back done: the next sync token; not due any more unless a notification came meanwhile. */
  pulled(tx: Transaction, connectionId: string, lease: string, syncToken: string | undefined): Promise<void>;
  /** Read back failed: due again at `retryAt`. */
  pullFailed(connectionId: string, lease: string, retryAt: Date): Promise<void>;
  /** The next read back lists everything (an operator re-sync). */
  forgetSyncToken(tx: Transaction, connectionId: string): Promise<void>;
  /**
   * A push notification on a channel presenting this token hash (`changed`: not the channel's opening
   * `sync`): the connection's read back is made due, spaced; `due-now` when it is due at once.
   */
  notified(channelId: string, tokenHash: Buffer, changed: boolean): Promise<Notified>;
  /**
   * Forgets bookings that ended before `before`, with their links (at most `limit`), and consents
   * that expired a day ago; answers how many bookings went.
   */
  prune(before: Date, limit: number): Promise<number>;
  saveChannel(
    connectionId: string,
    channel: { id: string; resourceId: string; tokenHash: Buffer; expiresAt: Date },
  ): Promise<void>;
  /**
   * Active connections whose channel is missing or ends before `before`, or not read back for an hour,
   * become due for a read back.
   */
  dueForRenewal(before: Date): Promise<number>;
}

export const SYNC_REPOSITORY = Symbol('SYNC_REPOSITORY');
