import {
  BadRequestException,
  Controller,
  Headers,
  HttpCode,
  Inject,
  Post,
  Query,
  Req,
  Body,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { PaymentsConfig } from '../../config/payments.config';
import {
  ReceiveProviderEventHandler,
  type Receipt,
} from '../application/receive-provider-event/receive-provider-event.handler';
import { ProviderEventsPoller } from './provider-events.poller';
import {
  verifyMercadoPago,
  verifyPagSeguro,
  verifyStripe,
  type Verification,
} from './provider-webhook.verifier';

/**
 * The payment providers' webhooks. Each is verified on the raw body with the provider's own scheme and
 * the configured secret — or the previous one during a rotation (a bad or stale signature answers 400
 * and nothing is stored) —, kept once per provider event id (a replay answers 200 `duplicate`), and
 * processed asynchronously: the processor fetches the payment from the provider, so the order and
 * number of deliveries do not matter.
 */
@ApiExcludeController()
@Controller('webhooks')
export class PaymentWebhooksHttpController {
  constructor(
    private readonly receive: ReceiveProviderEventHandler,
    private readonly poller: ProviderEventsPoller,
    @Inject(SERVICE_CONFIG) private readonly config: PaymentsConfig,
  ) {}

  @Post('stripe')
  @HttpCode(200)
  stripe(@Req() req: { rawBody?: Buffer }, @Headers('stripe-signature') signature?: string) {
    const secrets = {
      current: this.config.STRIPE_WEBHOOK_SECRET,
      previous: this.config.STRIPE_WEBHOOK_SECRET_PREVIOUS,
    };
    return this.store(verifyStripe(secrets, raw(req), signature), raw(req));
  }

  @Post('mercadopago')
  @HttpCode(200)
  mercadoPago(
    @Req() req: { rawBody?: Buffer },
    @Headers('x-signature') signature: string | undefined,
    @Headers('x-request-id') requestId: string | undefined,
    @Query('data.id') dataId: unknown,
    @Query('type') type: unknown,
    @Body() body: unknown,
  ) {
    const notification = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    return this.store(
      verifyMercadoPago(
        {
          current: this.config.MERCADOPAGO_WEBHOOK_SECRET,
          previous: this.config.MERCADOPAGO_WEBHOOK_SECRET_PREVIOUS,
        },
        { signature, requestId },
        { dataId, type },
        notification,
      ),
      raw(req),
    );
  }

  @Post('pagseguro')
  @HttpCode(200)
  pagSeguro(@Req() req: { rawBody?: Buffer }, @Headers('x-authenticity-token') token?: string) {
    const tokens = { current: this.config.PAGSEGURO_TOKEN, previous: this.config.PAGSEGURO_TOKEN_PREVIOUS };
    return this.store(verifyPagSeguro(tokens, raw(req), token), raw(req));
  }

  private async store(verification: Verification, body: Buffer): Promise<Receipt> {
    if (!verification.ok) {
      throw new BadRequestException({
        error: verification.error ?? 'invalid_signature',
        reason: verification.reason,
      });
    }
    const receipt = await this.receive.execute(verification.event, body);
    if (!receipt.duplicate) this.poller.kick();
    return receipt;
  }
}

function raw(req: { rawBody?: Buffer }): Buffer {
  if (!req.rawBody || req.rawBody.length === 0) {
    throw new BadRequestException({
      error: 'invalid_event',
      field: 'body',
      reason: 'a JSON body is required',
    });
  }
  return req.rawBody;
}
