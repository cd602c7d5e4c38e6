import { Inject, Injectable } from '@nestjs/common';
import {
  StartCheckInHandler,
  type StartFlow,
} from '../../../check-in/application/start-check-in/start-check-in.handler';
import type { CheckInView } from '../../../check-in/application/check-in.view';
import { CardBlockedError, CardNotFoundError } from '../../domain/rfid-card';
import { RFID_CARDS_REPOSITORY, type RfidCardsRepository } from '../ports/rfid-cards.repository.port';

/**
 * A card read at a door checks its member in at that court: the card must be the club's and not
 * blocked, then it is the same start-check-in use case as the app's. Reader and scan id name the
 * request, so the same scan can never start two check-ins. A door cannot show a Pix code: a short
 * wallet is topped up from the saved card, or refused.
 */
@Injectable()
export class CheckInByCardHandler {
  constructor(
    @Inject(RFID_CARDS_REPOSITORY) private readonly cards: RfidCardsRepository,
    private readonly startCheckIn: StartCheckInHandler,
  ) {}

  async execute(
    scan: { tenantId: string; readerId: string; scanId: string; cardId: string; courtId: string },
    flow: StartFlow,
  ): Promise<CheckInView> {
    const card = await this.cards.find(scan.tenantId, scan.cardId.toUpperCase(), flow.tx);
    if (!card) throw new CardNotFoundError();
    if (!card.active) throw new CardBlockedError();
    return this.startCheckIn.execute(
      {
        tenantId: scan.tenantId,
        courtId: scan.courtId,
        memberId: card.memberId,
        channel: 'rfid',
        topUpMethod: 'card',
        requestKey: `rfid:${scan.readerId}:${scan.scanId}`,
      },
      flow,
    );
  }
}
