import { Inject, Injectable } from '@nestjs/common';
import type { RfidCard } from '../../domain/rfid-card';
import { RFID_CARDS_REPOSITORY, type RfidCardsRepository } from '../ports/rfid-cards.repository.port';

@Injectable()
export class ListCardsHandler {
  constructor(@Inject(RFID_CARDS_REPOSITORY) private readonly cards: RfidCardsRepository) {}

  execute(tenantId: string, memberId: string | null): Promise<RfidCard[]> {
    return this.cards.list(tenantId, memberId);
  }
}
