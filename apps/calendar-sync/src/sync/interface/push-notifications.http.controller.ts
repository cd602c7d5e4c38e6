import { Controller, ForbiddenException, Headers, HttpCode, NotFoundException, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ReceivePushHandler } from '../application/receive-push/receive-push.handler';
import { UUID_PATTERN } from '../../shared/domain/secrets';

/**
 * Google Calendar push notifications (`events.watch` channels post here, Calendar API "Push
 * notifications"). Answered at once; the read back runs on its own. A channel that is not one of ours
 * is 404, a wrong token 403 — Google stops neither, but nothing is read for them.
 */
@ApiExcludeController()
@Controller('webhooks/google')
export class PushNotificationsHttpController {
  constructor(private readonly receive: ReceivePushHandler) {}

  @Post('calendar')
  @HttpCode(200)
  async notify(
    @Headers('x-goog-channel-id') channelId: string | undefined,
    @Headers('x-goog-channel-token') token: string | undefined,
    @Headers('x-goog-resource-state') state: string | undefined,
  ): Promise<void> {
    if (!channelId || !UUID_PATTERN.test(channelId) || !state) {
      throw new NotFoundException({ error: 'unknown_channel', reason: 'not a channel of this service' });
    }
    const outcome = await this.receive.execute({ channelId, token: token ?? '', state });
    if (outcome === 'unknown-channel') {
      throw new NotFoundException({ error: 'unknown_channel', reason: 'not a channel of this service' });
    }
    if (outcome === 'bad-token') {
      throw new ForbiddenException({
        error: 'invalid_channel_token',
        reason: 'the channel token does not match',
      });
    }
  }
}
