import type { Sealed, Transaction } from '@sportclub/service-kit';
import type { Owner } from '../../../shared/domain/calendar-scope';
import type { Connection } from '../../domain/connection';

/** A consent in progress, as recorded when its URL was handed out. */
export interface PendingConsent extends Owner {
  requestedBy: string;
}

/** calendar-sync's connections and consents in SQL. */
export interface ConnectionsRepositoryPort {
  saveState(tx: Transaction, stateHash: Buffer, consent: PendingConsent, expiresAt: Date): Promise<void>;
  /** Marks the state used and answers its consent — only once, and only before it expires. */
  consumeState(tx: Transaction, stateHash: Buffer): Promise<PendingConsent | undefined>;
  /** The owner's live (active or broken) connection, locked for the caller's transaction. */
  findLive(tx: Transaction, owner: Owner): Promise<Connection | undefined>;
  find(tx: Transaction, tenantId: string, id: string): Promise<Connection | undefined>;
  list(tx: Transaction, tenantId: string, memberId?: string): Promise<Connection[]>;
  /** Creates or replaces the owner's live connection with fresh tokens; active, due for a full sync back. */
  connect(
    tx: Transaction,
    connection: Pick<
      Connection,
      'id' | 'tenantId' | 'scope' | 'memberId' | 'calendarId' | 'accountEmail' | 'createdBy'
    >,
    tokens: Sealed,
  ): Promise<void>;
  saveTokens(tx: Transaction, id: string, previous: Sealed, tokens: Sealed): Promise<void>;
  markBroken(tx: Transaction, id: string, reason: string): Promise<boolean>;
  markDisconnected(tx: Transaction, id: string): Promise<void>;
  /** Whether another live connection (any club) holds a grant of the same Google account. */
  accountShared(tx: Transaction, id: string): Promise<boolean>;
}

export const CONNECTIONS_REPOSITORY = Symbol('CONNECTIONS_REPOSITORY');
