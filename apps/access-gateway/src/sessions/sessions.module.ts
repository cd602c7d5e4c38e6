import { Module } from '@nestjs/common';
import { AccessVendorModule } from '../access-vendor/access-vendor.module';
import { SESSIONS_REPOSITORY } from './application/ports/sessions.repository.port';
import { CheckOutHandler } from './application/check-out/check-out.handler';
import { CloseSessionHandler } from './application/close-session/close-session.handler';
import { FindOpenSessionHandler } from './application/find-open-session/find-open-session.handler';
import { ListSessionsHandler } from './application/list-sessions/list-sessions.handler';
import { OpenSessionHandler } from './application/open-session/open-session.handler';
import { PgSessionsRepository } from './infrastructure/sessions.repository';
import { SessionsHttpController } from './interface/sessions.http.controller';

@Module({
  imports: [AccessVendorModule],
  controllers: [SessionsHttpController],
  providers: [
    { provide: SESSIONS_REPOSITORY, useClass: PgSessionsRepository },
    CheckOutHandler,
    CloseSessionHandler,
    FindOpenSessionHandler,
    ListSessionsHandler,
    OpenSessionHandler,
  ],
  exports: [CheckOutHandler, CloseSessionHandler, FindOpenSessionHandler, OpenSessionHandler],
})
export class SessionsModule {}
