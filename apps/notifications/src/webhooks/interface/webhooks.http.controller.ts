import { createHash, timingSafeEqual } from 'node:crypto';
import {
  Controller,
  ForbiddenException,
  Get,
  Header,
  Headers,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  BadRequestException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { NotificationsConfig } from '../../config/notifications.config';
import {
  PROVIDER_CREDENTIALS,
  type ProviderCredentialsPort,
} from '../../deliveries/application/ports/provider-credentials.port';
import { ReceiveWebhookHandler } from '../application/receive-webhook/receive-webhook.handler';
import {
  MalformedWebhookError,
  metaItems,
  twilioInboundItems,
  twilioStatusItems,
  type WebhookItem,
} from '../domain/webhook-items';
import { verifyMetaSignature, verifyTwilioSignature } from './webhook-signatures';
import { WebhooksProcessor } from './webhooks.processor';

interface RawRequest {
  rawBody?: Buffer;
  body?: unknown;
  originalUrl: string;
}

/** A club id as the path names it (the platform's tenant ids). */
const TENANT = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** What Twilio expects back from an inbound-message webhook that answers nothing. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * The providers' webhooks, one address per club (`…/:tenantId`) so each is checked with that club's
 * credentials: Twilio's status callbacks and inbound messages (`X-Twilio-Signature` over the public URL
 * and the form fields), and the WhatsApp Cloud API's subscription handshake and events
 * (`X-Hub-Signature-256` over the raw body). A bad or missing signature is 403 and nothing is kept; a
 * good one is stored item by item (a redelivery is recognised) and answered at once — the processing
 * is asynchronous.
 */
@ApiExcludeController()
@Controller('webhooks')
export class WebhooksHttpController {
  constructor(
    private readonly receive: ReceiveWebhookHandler,
    private readonly processor: WebhooksProcessor,
    @Inject(PROVIDER_CREDENTIALS) private readonly credentials: ProviderCredentialsPort,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  @Post('twilio/status/:tenantId')
  @HttpCode(200)
  async twilioStatus(
    @Param('tenantId') tenantId: string,
    @Req() req: RawRequest,
    @Headers('x-twilio-signature') signature?: string,
    @Headers('i-twilio-idempotency-token') idempotencyToken?: string,
  ) {
    const params = await this.verifiedTwilio(tenantId, req, signature);
    return this.store(tenantId, twilioStatusItems(params, idempotencyToken), req);
  }

  @Post('twilio/inbound/:tenantId')
  @HttpCode(200)
  @Header('content-type', 'text/xml')
  async twilioInbound(
    @Param('tenantId') tenantId: string,
    @Req() req: RawRequest,
    @Headers('x-twilio-signature') signature?: string,
  ) {
    const params = await this.verifiedTwilio(tenantId, req, signature);
    await this.store(tenantId, twilioInboundItems(params, new Date()), req);
    return EMPTY_TWIML;
  }

  /** Meta's subscription handshake: echoes the challenge when the verify token is the club's. */
  @Get('whatsapp-cloud/:tenantId')
  @Header('content-type', 'text/plain')
  async metaHandshake(
    @Param('tenantId') tenantId: string,
    @Query('hub.mode') mode?: string,
    @Query('hub.verify_token') token?: string,
    @Query('hub.challenge') challenge?: string,
  ) {
    const { verifyToken } = await this.credentialsOf(tenantId, 'whatsapp-cloud');
    if (mode !== 'subscribe') {
      throw new BadRequestException({
        error: 'invalid_request',
        field: 'hub.mode',
        reason: 'must be "subscribe"',
      });
    }
    if (!challenge) {
      throw new BadRequestException({
        error: 'invalid_request',
        field: 'hub.challenge',
        reason: 'is missing',
      });
    }
    const digest = (v: string) => createHash('sha256').update(v).digest();
    if (token === undefined || !timingSafeEqual(digest(token), digest(verifyToken))) {
      throw new ForbiddenException({
        error: 'invalid_verify_token',
        field: 'hub.verify_token',
        reason: "does not match the club's verify token",
      });
    }
    return challenge;
  }

  @Post('whatsapp-cloud/:tenantId')
  @HttpCode(200)
  async metaEvents(
    @Param('tenantId') tenantId: string,
    @Req() req: RawRequest,
    @Headers('x-hub-signature-256') signature?: string,
  ) {
    const { appSecret } = await this.credentialsOf(tenantId, 'whatsapp-cloud');
    const raw = rawOf(req);
    if (!verifyMetaSignature(appSecret, raw, signature)) throw invalidSignature('x-hub-signature-256');
    let items: WebhookItem[];
    try {
      items = metaItems(req.body);
    } catch (error) {
      if (!(error instanceof MalformedWebhookError)) throw error;
      throw new BadRequestException({ error: 'invalid_event', field: 'body', reason: error.message });
    }
    return this.store(tenantId, items, req);
  }

  private async verifiedTwilio(tenantId: string, req: RawRequest, signature?: string) {
    const { authToken } = await this.credentialsOf(tenantId, 'twilio');
    const params = formOf(req);
    const url = `${this.config.PUBLIC_WEBHOOK_BASE_URL.replace(/\/$/, '')}${req.originalUrl}`;
    if (!verifyTwilioSignature(authToken, url, params, signature))
      throw invalidSignature('x-twilio-signature');
    return params;
  }

  private async credentialsOf<P extends 'twilio' | 'whatsapp-cloud'>(tenantId: string, provider: P) {
    if (!TENANT.test(tenantId)) throw new NotFoundException({ error: 'not_found', field: 'tenantId' });
    try {
      return await this.credentials.get(tenantId, provider);
    } catch {
      throw new NotFoundException({
        error: 'not_found',
        reason: `${provider} is not configured for this club`,
      });
    }
  }

  private async store(tenantId: string, items: WebhookItem[], req: RawRequest) {
    const { stored, duplicates } = await this.receive.execute(tenantId, items, rawOf(req).toString('utf8'));
    if (stored) this.processor.kick();
    return { received: items.length, stored, duplicates };
  }
}

function invalidSignature(header: string) {
  return new ForbiddenException({
    error: 'invalid_signature',
    field: header,
    reason: 'the signature does not match',
  });
}

function rawOf(req: RawRequest): Buffer {
  if (!req.rawBody?.length) {
    throw new BadRequestException({ error: 'invalid_event', field: 'body', reason: 'a body is required' });
  }
  return req.rawBody;
}

/** The form fields as Twilio signed them (one value each). */
function formOf(req: RawRequest): Record<string, string> {
  rawOf(req);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v !== 'string')
      throw new BadRequestException({
        error: 'invalid_event',
        field: k,
        reason: 'repeated or nested form field',
      });
    params[k] = v;
  }
  return params;
}
