import {
  BadRequestException,
  Body,
  Controller,
  Headers,
  HttpCode,
  Inject,
  Post,
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { z } from 'zod';
import { SERVICE_CONFIG, parseOrBadRequest } from '@sportclub/service-kit';
import type { AccessGatewayConfig } from '../../config/access-gateway.config';
import {
  ReceiveVendorEventHandler,
  type VendorEvent,
} from '../application/receive-vendor-event/receive-vendor-event.handler';
import { verifyAccessVendorSignature } from './access-vendor.signature';

const sessionId = z.string().min(1).max(100);
/** Centavos a vendor event may name: R$ 100.000,00 at most, so sums stay exact integers. */
const centavos = z.number().int().min(0).max(10_000_000);
const timestamp = z.iso.datetime({ offset: true });
/** The vendor's events (seed: access vendor webhooks), validated whole before anything is stored. */
const eventSchema = z.discriminatedUnion('event_type', [
  z.object({
    event_type: z.literal('access.checkin'),
    timestamp,
    data: z.looseObject({ session_id: sessionId }),
  }),
  z.object({
    event_type: z.literal('access.checkout'),
    timestamp,
    data: z.looseObject({
      session_id: sessionId,
      checked_out_at: timestamp,
      consumption_total: centavos.default(0),
    }),
  }),
  z.object({
    event_type: z.literal('consumption.recorded'),
    timestamp,
    data: z
      .looseObject({
        session_id: sessionId,
        item_id: z.string().min(1).max(100),
        item_name: z.string().min(1).max(200),
        quantity: z.number().int().min(1).max(1_000),
        unit_price: centavos,
        total_price: centavos,
      })
      // A discount may lower the total; nothing raises it past quantity × unit price.
      .refine((d) => d.total_price <= d.quantity * d.unit_price, {
        path: ['total_price'],
        message: 'more than quantity × unit_price',
      }),
  }),
]);

function toVendorEvent(e: z.infer<typeof eventSchema>): VendorEvent {
  switch (e.event_type) {
    case 'access.checkin':
      return { type: e.event_type, sessionId: e.data.session_id };
    case 'access.checkout':
      return {
        type: e.event_type,
        sessionId: e.data.session_id,
        checkedOutAt: e.data.checked_out_at,
        consumptionCentavos: e.data.consumption_total,
      };
    case 'consumption.recorded':
      return { type: e.event_type, sessionId: e.data.session_id, totalCentavos: e.data.total_price };
  }
}

/**
 * The access vendor's webhooks (`access.checkin`, `access.checkout`, `consumption.recorded`). The
 * signature is checked on the raw body before anything else (either configured secret, any `v1`);
 * then the event is validated whole — a permanent data error is a 400, never a 5xx the vendor would
 * retry forever — and kept once per event id, raw bytes included.
 */
@ApiExcludeController()
@Controller('webhooks/access-vendor')
export class AccessVendorWebhookController {
  private readonly secrets: string[];

  constructor(
    private readonly receive: ReceiveVendorEventHandler,
    @Inject(SERVICE_CONFIG) config: AccessGatewayConfig,
  ) {
    this.secrets = [config.ACCESS_VENDOR_WEBHOOK_SECRET, config.ACCESS_VENDOR_WEBHOOK_SECRET_PREVIOUS].filter(
      (s): s is string => !!s,
    );
  }

  @Post()
  @HttpCode(200)
  async handle(
    @Req() req: { rawBody?: Buffer },
    @Headers('x-access-signature') signature: string | undefined,
    @Headers('x-access-event-id') eventId: string | undefined,
    @Body() body: unknown,
  ): Promise<{ received: true; duplicate: boolean; outcome: string }> {
    const raw = req.rawBody ?? Buffer.alloc(0);
    const check = verifyAccessVendorSignature(this.secrets, raw, signature);
    if (!check.ok) throw new UnauthorizedException({ error: 'invalid_signature', reason: check.reason });
    if (!eventId || !/^[\x21-\x7e]{1,200}$/.test(eventId)) {
      throw new BadRequestException({
        error: 'invalid_event',
        field: 'X-Access-Event-Id',
        reason: 'header is required (1–200 visible characters)',
      });
    }
    const event = parseOrBadRequest(eventSchema, body, 'invalid_event');
    const receipt = await this.receive.execute(eventId, toVendorEvent(event), { body: raw, payload: body });
    return { received: true, ...receipt };
  }
}
