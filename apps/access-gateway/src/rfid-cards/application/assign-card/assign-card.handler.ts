import { Inject, Injectable } from '@nestjs/common';
import { GetMemberHandler } from '../../../members/application/get-member/get-member.handler';
import type { RfidCard } from '../../domain/rfid-card';
import { RFID_CARDS_REPOSITORY, type RfidCardsRepository } from '../ports/rfid-cards.repository.port';

/** Staff give a card to a member of their club (another club's member is not found), or block it. */
@Injectable()
export class AssignCardHandler {
  constructor(
    @Inject(RFID_CARDS_REPOSITORY) private readonly cards: RfidCardsRepository,
    private readonly members: GetMemberHandler,
  ) {}

  async execute(
    tenantId: string,
    card: { cardId: string; memberId: string; active: boolean },
  ): Promise<RfidCard> {
    await this.members.execute(tenantId, card.memberId);
    return this.cards.save(tenantId, card);
  }
}
