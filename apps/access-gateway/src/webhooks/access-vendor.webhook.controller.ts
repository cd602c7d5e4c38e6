import {
  BadRequestException,
  Body,
  Controller,
  Headers,
  HttpCode,
  Inject,
  Logger,
  Post,
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { SERVICE_CONFIG, parseOrBadRequest } from '@sportclub/service-kit';
import type { AccessGatewayConfig } from '../config/access-gateway.config';
import { SessionsService } from '../sessions/sessions.service';
import { verifyAccessVendorSignature } from './access-vendor.signature';

const eventSchema = z.object({
  event_type: z.enum(['access.checkin', 'access.checkout', 'consumption.recorded']),
  timestamp: z.iso.datetime({ offset: true }),
  data: z.object({ session_id: z.string().min(1).max(100) }).passthrough(),
});
const consumptionSchema = z.object({
  session_id: z.string().min(1).max(100),
  item_id: z.string().min(1).max(100),
  item_name: z.string().min(1).max(200),
  quantity: z.number().int().min(1),
  unit_price: z.number().int().min(0),
  total_price: z.number().int().min(0),
});
const checkoutSchema = z.object({
  session_id: z.string().min(1).max(100),
  checked_out_at: z.iso.datetime({ offset: true }),
  consumption_total: z.number().int().min(0).default(0),
});

/**
 * The access vendor's webhooks (`access.checkin`, `access.checkout`, `consumption.recorded`). The
 * signature is checked on the raw body before anything else; each event id is stored once, so a
 * replay is acknowledged and ignored; a check-out at the door closes the session here with its event,
 * in the same transaction as the stored event.
 */
@ApiExcludeController()
@Controller('webhooks/access-vendor')
export class AccessVendorWebhookController {
  private readonly logger = new Logger('AccessVendorWebhook');

  constructor(
    private readonly db: DataSource,
    private readonly sessions: SessionsService,
    @Inject(SERVICE_CONFIG) private readonly config: AccessGatewayConfig,
  ) {}

  @Post()
  @HttpCode(200)
  async receive(
    @Req() req: { rawBody?: Buffer },
    @Headers('x-access-signature') signature: string | undefined,
    @Headers('x-access-event-id') eventId: string | undefined,
    @Body() body: unknown,
  ): Promise<{ received: true; duplicate: boolean; outcome: string }> {
    const check = verifyAccessVendorSignature(
      this.config.ACCESS_VENDOR_WEBHOOK_SECRET,
      req.rawBody ?? Buffer.alloc(0),
      signature,
    );
    if (!check.ok) throw new UnauthorizedException({ error: 'invalid_signature', reason: check.reason });
    if (!eventId || !/^[\x21-\x7e]{1,200}$/.test(eventId)) {
      throw new BadRequestException({
        error: 'invalid_event',
        field: 'X-Access-Event-Id',
        reason: 'header is required',
      });
    }
    const event = parseOrBadRequest(eventSchema, body, 'invalid_event');
    return this.db.transaction(async (m) => {
      const stored: unknown[] = await m.query(
        `INSERT INTO webhook_event (provider, event_id, event_type, payload, outcome)
         VALUES ('access-vendor', $1, $2, $3, 'received') ON CONFLICT DO NOTHING RETURNING event_id`,
        [eventId, event.event_type, JSON.stringify(body)],
      );
      if (stored.length === 0) return { received: true as const, duplicate: true, outcome: 'duplicate' };
      const outcome = await this.apply(m, event);
      await m.query(
        `UPDATE webhook_event SET outcome = $2 WHERE provider = 'access-vendor' AND event_id = $1`,
        [eventId, outcome],
      );
      return { received: true as const, duplicate: false, outcome };
    });
  }

  private async apply(m: EntityManager, event: z.infer<typeof eventSchema>): Promise<string> {
    if (event.event_type === 'consumption.recorded') {
      // Validated now, summed at check-out (the stored event is the record).
      const item = parseOrBadRequest(consumptionSchema, event.data, 'invalid_event', 'data');
      const [session] = await m.query<{ ended: boolean }[]>(
        `SELECT ended_at IS NOT NULL AS ended FROM court_session WHERE session_id = $1`,
        [item.session_id],
      );
      if (session?.ended) {
        this.logger.warn(
          `consumption on ${item.session_id} after its check-out: ${item.total_price} centavos to collect`,
        );
        return 'after-check-out';
      }
      return 'consumption-recorded';
    }
    if (event.event_type !== 'access.checkout') return 'stored';
    const { session_id, checked_out_at, consumption_total } = parseOrBadRequest(
      checkoutSchema,
      event.data,
      'invalid_event',
      'data',
    );
    const closed = await this.sessions.closeFromVendor(m, {
      sessionId: session_id,
      endedAt: checked_out_at,
      consumptionCentavos: consumption_total,
    });
    if (!closed) {
      // Not opened here yet (the check-in's event is still on its way) or already closed: kept, and
      // applied when the session opens.
      this.logger.warn(`check-out webhook for session ${session_id}, which is not open here; kept for later`);
      return 'awaiting-session';
    }
    return 'session-closed';
  }
}
