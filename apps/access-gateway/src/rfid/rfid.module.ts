import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CheckInModule } from '../check-in/check-in.module';
import { RfidCardsHttpController } from './rfid-cards.http.controller';
import { RfidScansEventsHandler } from './rfid-scans.events.handler';
import { CourtPanelEventsHandler } from './court-panel.events.handler';

/** RFID cards (owned here), the check-ins their scans start, and court panels' check-ins and check-outs. */
@Module({
  imports: [AuthModule, CheckInModule],
  controllers: [RfidCardsHttpController, RfidScansEventsHandler, CourtPanelEventsHandler],
})
export class RfidModule {}
