import type { Transaction } from '@sportclub/service-kit';
import type { RfidCard } from '../../domain/rfid-card';

/** The club's RFID cards; every call is scoped to one tenant. */
export interface RfidCardsRepository {
  find(tenantId: string, cardId: string, tx?: Transaction): Promise<RfidCard | undefined>;
  list(tenantId: string, memberId: string | null): Promise<RfidCard[]>;
  save(tenantId: string, card: { cardId: string; memberId: string; active: boolean }): Promise<RfidCard>;
  /** False when there was no such card. */
  remove(tenantId: string, cardId: string): Promise<boolean>;
}

export const RFID_CARDS_REPOSITORY = Symbol('RFID_CARDS_REPOSITORY');
