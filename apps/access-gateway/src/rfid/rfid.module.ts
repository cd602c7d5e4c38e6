import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CheckInModule } from '../check-in/check-in.module';
import { RfidCardsHttpController } from './rfid-cards.http.controller';
import { RfidScansEventsHandler } from './rfid-scans.events.handler';

/** RFID cards (owned here) and the check-ins their scans start. */
@Module({
  imports: [AuthModule, CheckInModule],
  controllers: [RfidCardsHttpController, RfidScansEventsHandler],
})
export class RfidModule {}
