import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  UnauthorizedException,
  UseInterceptors,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { parseOrBadRequest } from '@sportclub/service-kit';
import { SimulatedVendor, VendorFaultsInterceptor } from '../faults/vendor-faults.interceptor';
import { WebhookSender } from '../webhooks/webhook.sender';

/** The sandbox accepts this key (the access adapter's default when no vendor credentials are set). */
export const SANDBOX_ACCESS_KEY = 'sandbox-access-key';

const checkInSchema = z.object({
  user_id: z.string().min(1).max(100),
  court_id: z.string().min(1).max(100),
  external_ref: z.string().min(1).max(200),
});
const checkOutSchema = z.object({ session_id: z.string().min(1).max(100) });

interface Session {
  session_id: string;
  user_id: string;
  court_id: string;
  external_ref: string;
  checked_in_at: string;
  checked_out_at?: string;
}

/**
 * The court access-control vendor at its HTTP boundary (endpoints of the club's design notes): check-in
 * opens a court and starts a session — idempotent per `external_ref`, as the real one is per request —,
 * check-out ends it, and active sessions can be listed.
 */
@Controller('access-vendor/api/v1/access')
@SimulatedVendor('access-vendor')
@UseInterceptors(VendorFaultsInterceptor)
export class AccessVendorHttpController {
  private readonly sessions = new Map<string, Session>();
  private readonly byRef = new Map<string, string>();

  constructor(private readonly webhooks: WebhookSender) {}

  @Post('checkin')
  @HttpCode(201)
  async checkIn(@Headers('authorization') auth: string | undefined, @Body() body: unknown): Promise<Session> {
    this.guard(auth);
    const input = parse(checkInSchema, body);
    const known = this.byRef.get(input.external_ref);
    if (known) return this.sessions.get(known)!;
    const session: Session = {
      session_id: `ses_${randomUUID()}`,
      ...input,
      checked_in_at: new Date().toISOString(),
    };
    this.sessions.set(session.session_id, session);
    this.byRef.set(input.external_ref, session.session_id);
    return session;
  }

  @Post('checkout')
  @HttpCode(200)
  async checkOut(
    @Headers('authorization') auth: string | undefined,
    @Body() body: unknown,
  ): Promise<Session> {
    this.guard(auth);
    const { session_id } = parse(checkOutSchema, body);
    const session = this.sessions.get(session_id);
    if (!session) throw new NotFoundException({ error: 'session_not_found', field: 'session_id' });
    session.checked_out_at ??= new Date().toISOString();
    return session;
  }

  @Get('sessions/active')
  async active(@Headers('authorization') auth: string | undefined): Promise<Session[]> {
    this.guard(auth);
    return [...this.sessions.values()].filter((s) => !s.checked_out_at);
  }

  @Get('sessions/:id')
  async session(
    @Headers('authorization') auth: string | undefined,
    @Param('id') id: string,
  ): Promise<Session> {
    this.guard(auth);
    const session = this.sessions.get(id);
    if (!session) throw new NotFoundException({ error: 'session_not_found', field: 'id' });
    return session;
  }

  /**
   * Admin: the member leaves through the door (the vendor sees it, not the platform): the session ends
   * and the vendor sends `access.checkout` with what was consumed.
   */
  @Post('/__admin/door-checkout/:id')
  @HttpCode(200)
  @SimulatedVendor(false)
  async doorCheckout(@Param('id') id: string, @Body() body: unknown) {
    const session = this.sessions.get(id);
    if (!session) throw new NotFoundException({ error: 'session_not_found', field: 'id' });
    const { consumptionCentavos } = parse(
      z.object({ consumptionCentavos: z.number().int().min(0).default(0) }),
      body ?? {},
    );
    session.checked_out_at ??= new Date().toISOString();
    const deliveries = await this.webhooks.sendAccessVendorEvent('access.checkout', {
      session_id: session.session_id,
      checked_out_at: session.checked_out_at,
      duration_minutes: Math.round(
        (Date.parse(session.checked_out_at) - Date.parse(session.checked_in_at)) / 60_000,
      ),
      consumption_total: consumptionCentavos,
    });
    return { session, deliveries };
  }

  /** Faults (latency, outage, timeout) are applied around each call by VendorFaultsInterceptor. */
  private guard(auth: string | undefined): void {
    if (auth !== `Bearer ${SANDBOX_ACCESS_KEY}`) {
      throw new UnauthorizedException({ error: 'invalid_api_key', field: 'authorization' });
    }
  }
}

const parse = <T>(schema: z.ZodType<T>, body: unknown): T =>
  parseOrBadRequest(schema, body, 'invalid_request');
