import { Module } from '@nestjs/common';
import { CheckInModule } from '../check-in/check-in.module';
import { MembersModule } from '../members/members.module';
import { RFID_CARDS_REPOSITORY } from './application/ports/rfid-cards.repository.port';
import { AssignCardHandler } from './application/assign-card/assign-card.handler';
import { CheckInByCardHandler } from './application/check-in-by-card/check-in-by-card.handler';
import { ListCardsHandler } from './application/list-cards/list-cards.handler';
import { RemoveCardHandler } from './application/remove-card/remove-card.handler';
import { PgRfidCardsRepository } from './infrastructure/rfid-cards.repository';
import { RfidCardsHttpController } from './interface/rfid-cards.http.controller';
import { RfidScansEventsHandler } from './interface/rfid-scans.events.handler';

/** RFID cards (owned here) and the check-ins their scans start. */
@Module({
  imports: [CheckInModule, MembersModule],
  controllers: [RfidCardsHttpController, RfidScansEventsHandler],
  providers: [
    { provide: RFID_CARDS_REPOSITORY, useClass: PgRfidCardsRepository },
    AssignCardHandler,
    CheckInByCardHandler,
    ListCardsHandler,
    RemoveCardHandler,
  ],
})
export class RfidCardsModule {}
