import { DomainError } from '../../shared/domain/domain.error';

/** An RFID card of the club (its UID as readers send it, upper-case hex) and whose it is. */
export interface RfidCard {
  cardId: string;
  memberId: string;
  /** A blocked card stays known but opens nothing. */
  active: boolean;
  updatedAt: string;
}

export class CardNotFoundError extends DomainError {
  readonly kind = 'not-found';
  readonly code = 'card_not_found';
  override readonly field = 'cardId';
  constructor() {
    super('the card is not registered in this club');
  }
}

export class CardBlockedError extends DomainError {
  readonly kind = 'forbidden';
  readonly code = 'card_blocked';
  override readonly field = 'cardId';
  constructor() {
    super('the card is blocked');
  }
}
