import { Controller, Inject, Injectable } from '@nestjs/common';
import {
  VideoEraseMemberDataResultV1,
  VideoEraseMemberDataV1,
  VideoGetClipRetentionV1,
  VideoSetClipRetentionResultV1,
  VideoSetClipRetentionV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import { SERVICE_CONFIG, ScheduledPasses, TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import type { VideoConfig } from '../../config/video.config';
import { ApplyRetentionHandler } from '../application/apply-retention/apply-retention.handler';
import { PRIVACY_REPOSITORY, type PrivacyRepositoryPort } from '../application/ports/privacy.repository.port';

/** Retention once a minute, and right after an erasure commits. */
@Injectable()
export class RetentionScheduler extends ScheduledPasses {
  constructor(retention: ApplyRetentionHandler) {
    super({ logger: 'Retention', doing: 'deleting clips', everyMs: 60_000, atStart: true }, () =>
      retention.execute(),
    );
  }
}

/** A member's erasure and a club's clip retention, asked by the gateway (request/reply; the tenant is the envelope's). */
@Controller()
export class PrivacyCommandsHandler {
  constructor(
    @Inject(PRIVACY_REPOSITORY) private readonly privacy: PrivacyRepositoryPort,
    @Inject(TRANSACTIONS) private readonly tx: Transactions,
    private readonly retention: RetentionScheduler,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<VideoConfig, 'CLIP_RETENTION_DAYS'>,
  ) {}

  @OnCommand(VideoEraseMemberDataV1)
  async erase(e: Envelope<VideoEraseMemberDataV1>, ctx: MessageContext) {
    const erased = await this.privacy.eraseMember(ctx.manager, e.tenantid, e.data.memberId);
    this.tx.afterCommit(ctx.manager, () => this.retention.kick());
    return VideoEraseMemberDataResultV1.envelope({
      ...ctx.follow(),
      subject: e.data.memberId,
      data: { erased },
    });
  }

  @OnCommand(VideoGetClipRetentionV1)
  async getRetention(e: Envelope<VideoGetClipRetentionV1>, ctx: MessageContext) {
    const days =
      (await this.privacy.clipRetention(ctx.manager, e.tenantid)) ?? this.config.CLIP_RETENTION_DAYS;
    return VideoSetClipRetentionResultV1.envelope({ ...ctx.follow(), subject: e.tenantid, data: { days } });
  }

  @OnCommand(VideoSetClipRetentionV1)
  async setRetention(e: Envelope<VideoSetClipRetentionV1>, ctx: MessageContext) {
    await this.privacy.setClipRetention(ctx.manager, e.tenantid, e.data.days, e.data.setBy);
    this.tx.afterCommit(ctx.manager, () => this.retention.kick());
    return VideoSetClipRetentionResultV1.envelope({
      ...ctx.follow(),
      subject: e.tenantid,
      data: { days: e.data.days },
    });
  }
}
