import type { Transaction } from '@sportclub/service-kit';
import type { Session } from '../../domain/session';

export interface OpenedSession {
  tenantId: string;
  sessionId: string;
  checkInId: string;
  memberId: string;
  courtId: string;
}

/** The `court_session` rows; reads are scoped by tenant. */
export interface SessionsRepository {
  /** False when the session was already open (a repeat). */
  open(tx: Transaction, s: OpenedSession): Promise<boolean>;
  /** Ends the session if it is still open (the tenant, when given, must match); the ended row, or none. */
  end(
    tx: Transaction,
    c: { sessionId: string; endedAt: string; tenantId?: string },
  ): Promise<(Session & { tenantId: string }) | undefined>;
  find(tenantId: string, sessionId: string): Promise<Session | undefined>;
  /** A session by the vendor's id alone (vendor events name no tenant; the vendor's ids are unique). */
  findAny(tx: Transaction, sessionId: string): Promise<Session | undefined>;
  /** The member's open session at any court, if any (inside `tx` when given). */
  findOpenOfMember(tenantId: string, memberId: string, tx?: Transaction): Promise<Session | undefined>;
  /** The member's open session at a court, if any. */
  findOpen(tenantId: string, memberId: string, courtId: string): Promise<Session | undefined>;
  list(tenantId: string, f: { memberId: string | null; activeOnly: boolean }): Promise<Session[]>;
}

export const SESSIONS_REPOSITORY = Symbol('SESSIONS_REPOSITORY');
