import { Module } from '@nestjs/common';
import { ApplyRetentionHandler } from './application/apply-retention/apply-retention.handler';
import { PRIVACY_REPOSITORY } from './application/ports/privacy.repository.port';
import { PrivacyRepository } from './infrastructure/privacy.repository';
import { PrivacyCommandsHandler, RetentionScheduler } from './interface/privacy.handlers';

/** Clips kept only as long as the club says, and a member's erasure (LGPD). */
@Module({
  controllers: [PrivacyCommandsHandler],
  providers: [
    { provide: PRIVACY_REPOSITORY, useClass: PrivacyRepository },
    ApplyRetentionHandler,
    RetentionScheduler,
  ],
})
export class PrivacyModule {}
