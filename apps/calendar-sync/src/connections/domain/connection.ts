import type { Sealed } from '@sportclub/service-kit';
import type { CalendarScope } from '../../shared/domain/calendar-scope';

export type ConnectionStatus = 'active' | 'broken' | 'disconnected';

/** A Google calendar that holds the club's bookings, or one member's. Tokens only ever sealed. */
export interface Connection {
  id: string;
  tenantId: string;
  scope: CalendarScope;
  memberId?: string;
  status: ConnectionStatus;
  brokenReason?: string;
  accountEmail?: string;
  calendarId: string;
  tokens?: Sealed;
  syncToken?: string;
  lastSyncedAt?: string;
  channel?: { id: string; resourceId: string; expiresAt: string };
  createdBy: string;
  createdAt: string;
  /** Bookings whose event is not yet as the booking is. */
  pendingBookings: number;
}

/** What sealed tokens are bound to: a ciphertext moved to another row does not open. */
export const tokenBinding = (c: Pick<Connection, 'tenantId' | 'id'>): string =>
  `calendar-connection/${c.tenantId}/${c.id}`;

/** How long a consent may take, from the URL handed out to Google's return. */
export const STATE_TTL_MS = 10 * 60_000;
