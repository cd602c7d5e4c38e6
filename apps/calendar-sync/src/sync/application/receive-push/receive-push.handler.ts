import { Inject, Injectable } from '@nestjs/common';
import { SyncTrigger } from '../../../shared/application/sync-trigger';
import { secretHash } from '../../../shared/domain/secrets';
import { SYNC_REPOSITORY, type SyncRepositoryPort } from '../ports/sync.repository.port';

export type PushOutcome = 'accepted' | 'unknown-channel' | 'bad-token';

/**
 * A Google push notification (`X-Goog-Channel-ID`, `X-Goog-Channel-Token`, `X-Goog-Resource-State`):
 * the channel must be one of an active connection and carry its token (compared as SHA-256 hashes, so
 * timing tells nothing of the token), else nothing happens. `sync` only opens the channel; any other
 * state means the calendar changed, so the connection is read back — at once, or 2 s after its last
 * read back. The notification carries no data: the read back asks Google what changed.
 */
@Injectable()
export class ReceivePushHandler {
  constructor(
    @Inject(SYNC_REPOSITORY) private readonly sync: SyncRepositoryPort,
    private readonly trigger: SyncTrigger,
  ) {}

  async execute(push: { channelId: string; token: string; state: string }): Promise<PushOutcome> {
    const outcome = await this.sync.notified(push.channelId, secretHash(push.token), push.state !== 'sync');
    if (outcome === 'due-now') this.trigger.kick('pull');
    return outcome === 'due-now' ? 'accepted' : outcome;
  }
}
