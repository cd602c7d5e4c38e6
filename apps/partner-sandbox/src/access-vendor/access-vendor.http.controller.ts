import {
  Body,
  ConflictException,
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
/** What the club's bar or shop records on a session (prices in centavos). */
const consumptionSchema = z.object({
  session_id: z.string().min(1).max(100),
  item_id: z.string().min(1).max(100),
  item_name: z.string().min(1).max(200),
  quantity: z.number().int().min(1).max(1_000),
  unit_price: z.number().int().min(0).max(10_000_000),
});

interface Consumption {
  consumption_id: string;
  session_id: string;
  item_id: string;
  item_name: string;
  quantity: number;
  unit_price: number;
  total_price: number;
  recorded_at: string;
}

interface Session {
  session_id: string;
  user_id: string;
  court_id: string;
  external_ref: string;
  checked_in_at: string;
  checked_out_at?: string;
  /** Everything recorded on the session so far (centavos). */
  consumption_total: number;
}

/**
 * The court access-control vendor at its HTTP boundary (endpoints of the club's design notes): check-in
 * opens a court and starts a session — idempotent per `external_ref`, as the real one is per request —,
 * check-out ends it, active sessions can be listed, and the bar or shop records consumption on a
 * session. Each change is announced by a signed webhook (`access.checkin`, `access.checkout`,
 * `consumption.recorded`).
 */
@Controller('access-vendor/api/v1')
@SimulatedVendor('access-vendor')
@UseInterceptors(VendorFaultsInterceptor)
export class AccessVendorHttpController {
  private readonly sessions = new Map<string, Session>();
  private readonly byRef = new Map<string, string>();
  private readonly consumption = new Map<string, Consumption[]>();

  constructor(private readonly webhooks: WebhookSender) {}

  @Post('access/checkin')
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
      consumption_total: 0,
    };
    this.sessions.set(session.session_id, session);
    this.byRef.set(input.external_ref, session.session_id);
    // Announced after the answer, as the vendor's webhooks are.
    void this.webhooks.sendAccessVendorEvent('access.checkin', {
      session_id: session.session_id,
      user_id: session.user_id,
      court_id: session.court_id,
      checked_in_at: session.checked_in_at,
      device_id: `door-${session.court_id}`,
    });
    return session;
  }

  @Post('access/checkout')
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

  @Get('access/sessions/active')
  async active(@Headers('authorization') auth: string | undefined): Promise<Session[]> {
    this.guard(auth);
    return [...this.sessions.values()].filter((s) => !s.checked_out_at);
  }

  @Get('access/sessions/:id')
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
  @Post('consumption/record')
  @HttpCode(201)
  async record(
    @Headers('authorization') auth: string | undefined,
    @Body() body: unknown,
  ): Promise<Consumption> {
    this.guard(auth);
    const input = parse(consumptionSchema, body);
    const session = this.sessions.get(input.session_id);
    if (!session) throw new NotFoundException({ error: 'session_not_found', field: 'session_id' });
    if (session.checked_out_at) {
      throw new ConflictException({
        error: 'session_closed',
        field: 'session_id',
        reason: 'the member has left',
      });
    }
    const item: Consumption = {
      consumption_id: `con_${randomUUID()}`,
      ...input,
      total_price: input.quantity * input.unit_price,
      recorded_at: new Date().toISOString(),
    };
    this.consumption.set(session.session_id, [...(this.consumption.get(session.session_id) ?? []), item]);
    session.consumption_total += item.total_price;
    void this.webhooks.sendAccessVendorEvent('consumption.recorded', { ...item });
    return item;
  }

  @Get('consumption/:sessionId')
  async consumptionOf(@Headers('authorization') auth: string | undefined, @Param('sessionId') id: string) {
    this.guard(auth);
    const session = this.sessions.get(id);
    if (!session) throw new NotFoundException({ error: 'session_not_found', field: 'sessionId' });
    return {
      session_id: id,
      items: this.consumption.get(id) ?? [],
      consumption_total: session.consumption_total,
    };
  }

  @Post('access/__admin/door-checkout/:id')
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
      consumption_total: session.consumption_total + consumptionCentavos,
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
