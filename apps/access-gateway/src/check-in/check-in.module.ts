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
import { AuthModule } from '../auth/auth.module';
import type { AccessGatewayConfig } from '../config/access-gateway.config';
import { ACCESS_VENDOR } from './application/access-vendor.port';
import { CheckInService } from './application/check-in.service';
import { checkInSaga } from './application/check-in.saga';
import { AccessVendorHttpAdapter } from './infrastructure/access-vendor.http.adapter';
import { CheckInHttpController } from './interface/check-in.http.controller';
import { CheckInMessagesHandler } from './interface/check-in.messages.handler';
import { SessionsHttpController } from '../sessions/sessions.http.controller';
import { SessionsService } from '../sessions/sessions.service';
import { AccessVendorWebhookController } from '../webhooks/access-vendor.webhook.controller';

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

@Module({
  imports: [AuthModule],
  controllers: [
    CheckInHttpController,
    CheckInMessagesHandler,
    SessionsHttpController,
    AccessVendorWebhookController,
  ],
  providers: [
    CheckInService,
    SessionsService,
    DeadlineLifecycle,
    // One batched handler per reply the check-in saga declares, applied in the inbox transaction.
    sagaReplyHandlers(),
    {
      provide: SagaEngine,
      useFactory: (
        dataSource: DataSource,
        outbox: Outbox,
        config: AccessGatewayConfig,
        sessions: SessionsService,
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
          onTransition: (m, _saga, events) => sessions.openCompleted(m, events),
        }),
      inject: [DataSource, Outbox, SERVICE_CONFIG, SessionsService],
    },
    {
      provide: ACCESS_VENDOR,
      useFactory: (config: AccessGatewayConfig) =>
        new AccessVendorHttpAdapter(config.ACCESS_VENDOR_URL, config.ACCESS_VENDOR_API_KEY),
      inject: [SERVICE_CONFIG],
    },
  ],
  exports: [CheckInService, SessionsService],
})
export class CheckInModule {}
