import { refusal } from '@sportclub/service-kit';

/** An RFID card of the club (its UID as readers send it, upper-case hex) and whose it is. */
export interface RfidCard {
  cardId: string;
  memberId: string;
  /** A blocked card stays known but opens nothing. */
  active: boolean;
  updatedAt: string;
}

export class CardNotFoundError extends refusal(
  'not-found',
  'card_not_found',
  'the card is not registered in this club',
  'cardId',
) {}

export class CardBlockedError extends refusal('forbidden', 'card_blocked', 'the card is blocked', 'cardId') {}
