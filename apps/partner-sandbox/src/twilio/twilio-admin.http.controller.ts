import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { z } from 'zod';
import { parseOrBadRequest } from '@sportclub/service-kit';
import { E164, normalizeNumber, type RecipientView } from '../common/messaging-recipients';
import { ACCOUNT_SID } from './twilio.api';
import { TwilioMessages, type TwilioMessageView } from './twilio.messages';

const number = z
  .string()
  .transform(normalizeNumber)
  .refine((n) => E164.test(n), 'must be an E.164 phone number (+5511987654321)');

const recipientSchema = z
  .object({
    window: z.enum(['open', 'closed']),
    undeliverable: z.boolean(),
    errorCode: z.number().int().positive().nullable(),
    unsubscribed: z.boolean(),
  })
  .partial()
  .strict();

const inboundSchema = z
  .object({
    from: number,
    to: number.optional(),
    body: z.string().min(1).max(1_600),
    channel: z.enum(['whatsapp', 'sms']).default('whatsapp'),
    accountSid: z.string().regex(ACCOUNT_SID, 'must be AC followed by 32 hex digits').optional(),
    profileName: z.string().min(1).optional(),
  })
  .strict();

const templatesSchema = z
  .object({
    templates: z.record(
      z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'keys are Content SIDs (HX…)'),
      z.string().min(1),
    ),
  })
  .strict();

const parseNumber = (raw: string, field: string): string => {
  const parsed = number.safeParse(raw);
  if (!parsed.success) {
    throw new BadRequestException({ error: 'invalid_number', field, reason: parsed.error.issues[0].message });
  }
  return parsed.data;
};

/**
 * What happens outside Twilio's API, for tests and demos: what a member received, a member writing to
 * the business (which opens WhatsApp's 24-hour window), numbers that cannot be reached or opted out,
 * and an account's approved content templates. No auth, no faults.
 */
@Controller('twilio/__admin')
export class TwilioAdminHttpController {
  constructor(private readonly messages: TwilioMessages) {}

  /**
   * Messages to or from a number, or every message when `number` is left out (`direction`
   * `outbound-api` or `inbound` narrows either), oldest first: bodies, statuses, error codes.
   */
  @Get('messages')
  list(
    @Query('number') raw: string | undefined,
    @Query('accountSid') accountSid?: string,
    @Query('direction') direction?: string,
  ): TwilioMessageView[] {
    if (direction !== undefined && direction !== 'outbound-api' && direction !== 'inbound') {
      throw new BadRequestException({
        error: 'invalid_direction',
        field: 'direction',
        reason: "must be 'outbound-api' or 'inbound'",
      });
    }
    return this.messages.list({
      ...(raw !== undefined && { number: parseNumber(raw, 'number') }),
      ...(accountSid && { accountSid }),
      ...(direction !== undefined && { direction }),
    });
  }

  @Get('numbers/:number')
  recipient(@Param('number') raw: string): RecipientView {
    return this.messages.recipients.view(parseNumber(raw, 'number'));
  }

  /**
   * `window` opens (as an inbound message would) or closes the 24-hour window; `undeliverable` makes
   * messages fail after acceptance (WhatsApp `failed` 63003, SMS `undelivered` 30003, or `errorCode`);
   * `unsubscribed` refuses sends with 21610.
   */
  @Put('numbers/:number')
  setRecipient(@Param('number') raw: string, @Body() body: unknown): RecipientView {
    const changes = parseOrBadRequest(recipientSchema, body ?? {}, 'invalid_recipient');
    return this.messages.recipients.set(parseNumber(raw, 'number'), changes);
  }

  /** A member writes to the business; posted, signed, to the `twilio` webhook target. */
  @Post('inbound')
  @HttpCode(202)
  inbound(@Body() body: unknown): TwilioMessageView {
    return this.messages.receive(parseOrBadRequest(inboundSchema, body ?? {}, 'invalid_inbound_message'));
  }

  /** The account's approved content templates (`HX…` → text with `{{1}}`); others then fail with 21655. */
  @Put('accounts/:accountSid/content-templates')
  templates(
    @Param('accountSid') accountSid: string,
    @Body() body: unknown,
  ): { accountSid: string; templates: number } {
    if (!ACCOUNT_SID.test(accountSid)) {
      throw new BadRequestException({
        error: 'invalid_account_sid',
        field: 'accountSid',
        reason: 'must be AC followed by 32 hex digits',
      });
    }
    const { templates } = parseOrBadRequest(templatesSchema, body ?? {}, 'invalid_content_templates');
    this.messages.setTemplates(accountSid, templates);
    return { accountSid, templates: Object.keys(templates).length };
  }
}
