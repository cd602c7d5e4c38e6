import { BadRequestException, Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  InvalidWebhookError,
  InvalidWebhookSignatureError,
} from '../../shared/application/ports/video-platform.port';
import { ReceiveWebhookHandler } from '../application/receive-webhook/receive-webhook.handler';
import { WebhooksScheduler } from './webhooks.scheduler';

/**
 * Mux's webhooks (`Mux-Signature: t=…,v1=…`, HMAC-SHA256 over "<t>.<raw body>", checked by the SDK's
 * verifier against MUX_WEBHOOK_SECRETS). A bad, missing or stale signature is 400 and nothing is kept;
 * a signed body that is not an event (no id, type or object) is 400 naming the field; a good one is stored raw, once per event id, and answered at once — processed asynchronously.
 */
@ApiExcludeController()
@Controller('webhooks')
export class WebhooksHttpController {
  constructor(
    private readonly receive: ReceiveWebhookHandler,
    private readonly processor: WebhooksScheduler,
  ) {}

  @Post('mux')
  @HttpCode(200)
  async mux(
    @Req() req: { rawBody?: Buffer },
    @Headers() headers: Record<string, string | string[] | undefined>,
  ): Promise<{ received: true }> {
    if (!req.rawBody?.length) {
      throw new BadRequestException({ error: 'invalid_webhook', field: 'body', reason: 'is empty' });
    }
    try {
      if (await this.receive.execute(req.rawBody.toString('utf8'), headers)) this.processor.kick();
    } catch (error) {
      if (error instanceof InvalidWebhookSignatureError) {
        throw new BadRequestException({
          error: 'invalid_signature',
          field: 'mux-signature',
          reason: error.message,
        });
      }
      if (error instanceof InvalidWebhookError) {
        throw new BadRequestException({ error: 'invalid_webhook', field: error.field, reason: error.reason });
      }
      throw error;
    }
    return { received: true };
  }
}
