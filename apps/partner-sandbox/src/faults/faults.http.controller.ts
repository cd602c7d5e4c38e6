import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { z } from 'zod';
import { parseOrBadRequest } from '@sportclub/service-kit';
import { FaultsService } from './faults.service';
import { WebhookSender } from '../webhooks/webhook.sender';
import { FAULT_VENDORS, WEBHOOK_VENDORS, type WebhookVendor } from '../config/sandbox.config';

const faultSchema = z
  .object({
    down: z.boolean(),
    errorRate: z.number().min(0).max(1),
    latencyMs: z.number().int().min(0).max(60_000),
    duplicateWebhooks: z.boolean(),
    timeout: z.boolean(),
    reorderWebhooks: z.boolean(),
    tooManyRequests: z.boolean(),
    retryAfterSeconds: z.number().int().min(0).max(3_600),
    quotaExceeded: z.enum(['rateLimitExceeded', 'userRateLimitExceeded']).nullable(),
    calls: z.number().int().min(1).max(1_000).nullable(),
  })
  .partial()
  .strict();

/** Switches simulated vendor faults on and off (for tests, demos and chaos drills). */
@Controller('__admin')
export class FaultsHttpController {
  constructor(
    private readonly faults: FaultsService,
    private readonly webhooks: WebhookSender,
  ) {}

  /**
   * Where a simulated vendor sends its webhooks, and the secret it signs them with (PagBank: the
   * account token). Mercado Pago and PagBank send to a payment's own notification URL when it has one.
   */
  @Put('webhooks/:vendor')
  target(@Param('vendor') vendor: string, @Body() body: unknown) {
    const target = parseOrBadRequest(
      z.object({ url: z.url(), secret: z.string().min(16) }).strict(),
      body ?? {},
      'invalid_webhook_target',
    );
    this.webhooks.setTarget(knownVendor(vendor), target);
    return { vendor, url: target.url };
  }

  /** What was delivered, oldest first: each event's id, type, URL and the receiver's statuses. */
  @Get('webhooks/:vendor/deliveries')
  deliveries(@Param('vendor') vendor: string) {
    return this.webhooks.deliveries(knownVendor(vendor));
  }

  @Get('faults/:vendor')
  get(@Param('vendor') vendor: string) {
    return this.faults.get(known(FAULT_VENDORS, vendor));
  }

  @Put('faults/:vendor')
  set(@Param('vendor') vendor: string, @Body() body: unknown) {
    return this.faults.set(
      known(FAULT_VENDORS, vendor),
      parseOrBadRequest(faultSchema, body ?? {}, 'invalid_fault'),
    );
  }

  @Delete('faults')
  @HttpCode(204)
  clear(): void {
    this.faults.clear();
  }
}

const knownVendor = (vendor: string): WebhookVendor => known(WEBHOOK_VENDORS, vendor);

function known<V extends string>(vendors: readonly V[], vendor: string): V {
  if (!(vendors as readonly string[]).includes(vendor)) {
    throw new BadRequestException({
      error: 'unknown_vendor',
      field: 'vendor',
      reason: `one of ${vendors.join(', ')}`,
    });
  }
  return vendor as V;
}
