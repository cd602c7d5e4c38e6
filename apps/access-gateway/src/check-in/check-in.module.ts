import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { commandQueue } from '@sportclub/contracts';
import { Outbox } from '@sportclub/outbox';
import { SagaDeadlineScheduler, SagaEngine, sagaReplyHandlers } from '@sportclub/saga';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import { AccessVendorModule } from '../access-vendor/access-vendor.module';
import { BookingsModule } from '../bookings/bookings.module';
import type { AccessGatewayConfig } from '../config/access-gateway.config';
import { CourtsModule } from '../courts/courts.module';
import { MembersModule } from '../members/members.module';
import { OpenSessionHandler } from '../sessions/application/open-session/open-session.handler';
import { SessionsModule } from '../sessions/sessions.module';
import { checkInSaga } from './application/check-in.saga';
import { GetCheckInHandler } from './application/get-check-in/get-check-in.handler';
import { StartCheckInHandler } from './application/start-check-in/start-check-in.handler';
import { CheckInHttpController } from './interface/check-in.http.controller';
import { CheckInMessagesHandler } from './interface/check-in.messages.handler';
import { CourtPanelEventsHandler } from './interface/court-panel.events.handler';

/** Fires expired check-in deadlines from boot; stops before the connections close. */
@Injectable()
class DeadlineLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly scheduler: SagaDeadlineScheduler;
  constructor(@Inject(SagaEngine) engine: SagaEngine) {
    this.scheduler = new SagaDeadlineScheduler(engine, { intervalMs: 500 });
  }
  onApplicationBootstrap(): void {
    this.scheduler.start();
  }
  async beforeApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
  }
}

/** The check-in saga, its entry points (app, court panel; RFID in rfid-cards) and its replies. */
@Module({
  imports: [AccessVendorModule, BookingsModule, CourtsModule, MembersModule, SessionsModule],
  controllers: [CheckInHttpController, CheckInMessagesHandler, CourtPanelEventsHandler],
  providers: [
    StartCheckInHandler,
    GetCheckInHandler,
    DeadlineLifecycle,
    // One batched handler per reply the check-in saga declares, applied in the inbox transaction.
    sagaReplyHandlers(),
    {
      provide: SagaEngine,
      useFactory: (
        dataSource: DataSource,
        outbox: Outbox,
        config: AccessGatewayConfig,
        sessions: OpenSessionHandler,
      ) =>
        new SagaEngine({
          dataSource,
          outbox,
          definitions: [
            checkInSaga({ stepMs: config.CHECK_IN_DEADLINE_MS, pixMs: config.CHECK_IN_PIX_DEADLINE_MS }),
          ],
          source: 'access-gateway',
          replyTo: commandQueue('access-gateway'),
          // A completed check-in's session opens in the same transaction.
          onTransition: (tx, _saga, events) => sessions.onCompletedCheckIns(tx, events),
        }),
      inject: [DataSource, Outbox, SERVICE_CONFIG, OpenSessionHandler],
    },
  ],
  exports: [StartCheckInHandler],
})
export class CheckInModule {}
