import { Inject, Injectable } from '@nestjs/common';
import { CardNotFoundError } from '../../domain/rfid-card';
import { RFID_CARDS_REPOSITORY, type RfidCardsRepository } from '../ports/rfid-cards.repository.port';

@Injectable()
export class RemoveCardHandler {
  constructor(@Inject(RFID_CARDS_REPOSITORY) private readonly cards: RfidCardsRepository) {}

  async execute(tenantId: string, cardId: string): Promise<void> {
    if (!(await this.cards.remove(tenantId, cardId))) throw new CardNotFoundError();
  }
}
