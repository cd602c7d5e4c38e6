import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Put,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiResponse, ApiTags, ApiBearerAuth, getSchemaPath } from '@nestjs/swagger';
import { ZodResponse, createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import {
  NotificationsDeleteProviderAccountResultV1,
  NotificationsDeleteProviderAccountV1,
  NotificationsListProviderAccountsResultV1,
  NotificationsListProviderAccountsV1,
  NotificationsSaveProviderAccountResultV1,
  NotificationsSaveProviderAccountV1,
  type Envelope,
} from '@sportclub/contracts';
import { CommandClient } from '@sportclub/messaging';
import { fieldProblems } from '@sportclub/service-kit';
import { ADMIN, CurrentPrincipal, Roles } from '../../auth/auth.guard';
import { ApiErrors } from '../../shared/interface/http-contract';
import { unstorableText } from '../../shared/interface/request-validation.interceptor';
import { forward } from './forward';

const PROVIDERS = ['twilio', 'whatsapp-cloud', 'fcm', 'smtp'] as const;
type Provider = (typeof PROVIDERS)[number];

const e164 = z.string().regex(/^\+[1-9]\d{7,14}$/, 'an E.164 number (+5511…)');
const secret = (min: number, max: number) => z.string().min(min).max(max);

/** Each provider's account as an admin sets it, secrets included (never answered back). */
const ACCOUNTS = {
  twilio: z
    .object({
      accountSid: z.string().regex(/^AC[0-9a-f]{32}$/, 'a Twilio Account SID: AC and 32 hex digits'),
      authToken: secret(8, 256).describe('secret'),
      whatsappFrom: e164.describe('the WhatsApp sender'),
      smsFrom: e164.optional().describe('the SMS sender (default: the WhatsApp sender)'),
      contentSids: z
        .record(
          z.string().regex(/^[a-z0-9_]{1,512}$/, "an approved template's name"),
          z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'a Content SID: HX and 32 hex digits'),
        )
        .refine((m) => Object.keys(m).length <= 100, 'at most 100 templates')
        .optional()
        .describe('WhatsApp template name → Content SID (Twilio Content API)'),
    })
    .strict(),
  'whatsapp-cloud': z
    .object({
      accessToken: secret(8, 1024).describe('secret: a system user access token'),
      phoneNumberId: z.string().regex(/^\d{3,30}$/, "the sender's phone number id (digits)"),
      appSecret: secret(16, 256).describe('secret: signs the webhooks Meta sends'),
      verifyToken: secret(8, 256).describe('secret: echoed on the webhook subscription handshake'),
    })
    .strict(),
  fcm: z
    .object({
      projectId: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'a Firebase project id'),
      clientEmail: z.email().max(254).describe("the service account's e-mail"),
      privateKey: secret(64, 10_000)
        // As in the service account's JSON, `\n` escapes are read as new lines.
        .transform((k) => k.replace(/\\n/g, '\n'))
        .describe("secret: the service account's private key, PEM"),
    })
    .strict(),
  smtp: z
    .object({
      host: z.string().min(1).max(253),
      port: z.number().int().min(1).max(65_535),
      secure: z.boolean().describe('TLS from the start (465); otherwise STARTTLS when offered'),
      user: z.string().min(1).max(254).optional(),
      pass: secret(1, 1024).optional().describe('secret'),
      from: z
        .string()
        .min(3)
        .max(320)
        .regex(/@/, 'an address, optionally with a name: "Club" <no-reply@club.example>'),
    })
    .strict()
    .refine((a) => (a.user === undefined) === (a.pass === undefined), {
      path: ['pass'],
      message: 'user and pass are given together, or neither',
    }),
} satisfies Record<Provider, z.ZodType>;

class TwilioAccountDto extends createZodDto(ACCOUNTS.twilio) {}
class WhatsAppCloudAccountDto extends createZodDto(ACCOUNTS['whatsapp-cloud']) {}
class FcmAccountDto extends createZodDto(ACCOUNTS.fcm) {}
class SmtpAccountDto extends createZodDto(ACCOUNTS.smtp) {}
const ACCOUNT_DTOS = [TwilioAccountDto, WhatsAppCloudAccountDto, FcmAccountDto, SmtpAccountDto];

class ProviderParamsDto extends createZodDto(z.object({ provider: z.enum(PROVIDERS) })) {}

/** What an admin is answered: never a secret (the settings object has no place for one). */
const accountView = z.object({
  provider: z.enum(PROVIDERS),
  settings: z
    .object({
      accountSid: z.string(),
      whatsappFrom: z.string(),
      smsFrom: z.string(),
      contentSids: z.record(z.string(), z.string()),
      phoneNumberId: z.string(),
      projectId: z.string(),
      clientEmail: z.string(),
      host: z.string(),
      port: z.number(),
      secure: z.boolean(),
      user: z.string(),
      from: z.string(),
    })
    .partial()
    .optional()
    .describe("the account's settings that are not secrets"),
  unreadable: z.string().optional().describe('why the stored account cannot be decrypted (set it again)'),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
class ProviderAccountDto extends createZodDto(accountView) {}

/**
 * A club's own accounts with the messaging providers (Twilio, the WhatsApp Cloud API, FCM, SMTP),
 * kept encrypted by notifications and used instead of the platform's. Admins only: staff run the club
 * but do not handle its secrets. A secret goes in and never comes back; another club's accounts cannot
 * be named (the club is the token's).
 */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiErrors(401, 403, 429, 503)
@ApiExtraModels(...ACCOUNT_DTOS)
@Controller('v1/notifications/provider-accounts')
export class ProviderAccountsHttpController {
  constructor(private readonly commands: CommandClient) {}

  @Get()
  @Roles(...ADMIN)
  @ZodResponse({
    status: 200,
    type: [ProviderAccountDto],
    description: "the providers the club has its own account with (the platform's is used for the others)",
  })
  async list(@CurrentPrincipal() p: Principal) {
    const reply = await this.ask<NotificationsListProviderAccountsResultV1>(
      NotificationsListProviderAccountsV1.envelope({ ...this.from(p), data: {} }),
    );
    return reply.data.accounts;
  }

  @Put(':provider')
  @Roles(...ADMIN)
  @ApiBody({
    description: "the provider's account (the fields depend on :provider)",
    schema: { oneOf: ACCOUNT_DTOS.map((dto) => ({ $ref: getSchemaPath(dto) })) },
  })
  @ZodResponse({
    status: 200,
    type: ProviderAccountDto,
    description: 'the account without its secrets; used from the next message on',
  })
  @ApiErrors(400, [422, 'a field that cannot be used (named): an FCM private key that does not parse'])
  async save(
    @CurrentPrincipal() p: Principal,
    @Param() { provider }: ProviderParamsDto,
    @Body() body: unknown,
  ) {
    const account: Record<string, unknown> = { provider, ...parseAccount(provider, body) };
    if (provider === 'twilio') account.smsFrom ??= account.whatsappFrom;
    const reply = await this.ask<NotificationsSaveProviderAccountResultV1>(
      NotificationsSaveProviderAccountV1.envelope({
        ...this.from(p),
        data: { account: account as NotificationsSaveProviderAccountV1['account'], savedBy: p.subject },
      }),
    );
    if (reply.data.outcome !== 'saved' || !reply.data.account) {
      throw new UnprocessableEntityException({
        error: 'invalid_provider_account',
        field: reply.data.field,
        reason: reply.data.reason,
      });
    }
    return reply.data.account;
  }

  @Delete(':provider')
  @Roles(...ADMIN)
  @HttpCode(204)
  @ApiResponse({ status: 204, description: "removed; the platform's account is used again" })
  @ApiErrors(400, [404, 'the club has no account of its own with this provider'])
  async remove(@CurrentPrincipal() p: Principal, @Param() { provider }: ProviderParamsDto): Promise<void> {
    const reply = await this.ask<NotificationsDeleteProviderAccountResultV1>(
      NotificationsDeleteProviderAccountV1.envelope({ ...this.from(p), data: { provider } }),
    );
    if (reply.data.outcome !== 'deleted') {
      throw new NotFoundException({
        error: 'provider_account_not_found',
        field: 'provider',
        reason: `the club has no account of its own with ${provider}`,
      });
    }
  }

  private from(p: Principal) {
    return { source: 'access-gateway', tenantId: p.tenantId, subject: p.tenantId };
  }

  private ask<R>(envelope: Envelope): Promise<Envelope<R>> {
    return forward<R>(this.commands, envelope, 'notifications', 3_000);
  }
}

/**
 * The body checked against the schema of the provider the path names (the interceptor cannot: which
 * schema applies depends on the path), answering the platform's 400 naming every bad field.
 */
function parseAccount(provider: Provider, body: unknown): object {
  const result = ACCOUNTS[provider].safeParse(body ?? {});
  const problems = [...unstorableText(body), ...(result.success ? [] : fieldProblems(result.error))];
  if (problems.length > 0 || !result.success) {
    throw new BadRequestException({ error: 'invalid_request', problems });
  }
  return result.data;
}
