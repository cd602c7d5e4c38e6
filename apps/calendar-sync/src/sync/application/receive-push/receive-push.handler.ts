import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SyncTrigger } from '../../../shared/application/sync-trigger';
import { channelTokenHash } from '../pull-changes/pull-changes.handler';
import { SYNC_REPOSITORY, type SyncRepositoryPort } from '../ports/sync.repository.port';

export type PushOutcome = 'accepted' | 'unknown-channel' | 'bad-token';

/**
 * A Google push notification (`X-Goog-Channel-ID`, `X-Goog-Channel-Token`, `X-Goog-Resource-State`):
 * the channel must be one of an active connection and carry its token (compared in constant time, as
 * a hash), else nothing happens. `sync` only opens the channel; any other state means the calendar
 * changed, so the connection is read back at once. The notification carries no data: the read back
 * asks Google what changed.
 */
@Injectable()
export class ReceivePushHandler {
  constructor(
    @Inject(SYNC_REPOSITORY) private readonly sync: SyncRepositoryPort,
    private readonly trigger: SyncTrigger,
  ) {}

  async execute(push: { channelId: string; token: string; state: string }): Promise<PushOutcome> {
    const owner = await this.sync.channelOwner(push.channelId);
    if (!owner) return 'unknown-channel';
    if (!timingSafeEqual(owner.tokenHash, channelTokenHash(push.token))) return 'bad-token';
    if (push.state !== 'sync') {
      await this.sync.pullNow(owner.connectionId);
      this.trigger.kick('pull');
    }
    return 'accepted';
  }
}
