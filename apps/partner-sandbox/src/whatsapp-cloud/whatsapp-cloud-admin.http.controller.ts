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
import {
  WhatsAppCloudMessages,
  type CloudMessageView,
  type PhoneNumberSettings,
} from './whatsapp-cloud.messages';

const number = z
  .string()
  .transform(normalizeNumber)
  .refine((n) => E164.test(n), 'must be an E.164 phone number (+5511987654321)');
const phoneNumberId = z.string().regex(/^\d+$/, 'must be a numeric phone number id');

const recipientSchema = z
  .object({
    window: z.enum(['open', 'closed']),
    undeliverable: z.boolean(),
    errorCode: z.number().int().positive().nullable(),
  })
  .partial()
  .strict();

const phoneNumberSchema = z
  .object({
    displayPhoneNumber: z.string().regex(/^\d{8,15}$/, 'digits only, as Meta shows it'),
    wabaId: z.string().regex(/^\d+$/),
    templates: z
      .array(
        z
          .object({
            name: z.string().min(1).max(512),
            language: z.string().min(2),
            body: z.string().min(1).optional(),
          })
          .strict(),
      )
      .nullable(),
  })
  .partial()
  .strict();

const inboundSchema = z
  .object({
    phoneNumberId,
    from: number,
    body: z.string().min(1).max(4_096),
    profileName: z.string().min(1).optional(),
  })
  .strict();

const parse = <T>(schema: z.ZodType<T>, raw: string, field: string): T => {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new BadRequestException({
      error: `invalid_${field}`,
      field,
      reason: parsed.error.issues[0].message,
    });
  }
  return parsed.data;
};

/**
 * What happens outside the Cloud API, for tests and demos: what a member received, a member writing to
 * the business (which opens the 24-hour window), numbers not on WhatsApp, and each business phone
 * number's approved templates. No auth, no faults.
 */
@Controller('whatsapp-cloud/__admin')
export class WhatsAppCloudAdminHttpController {
  constructor(private readonly messages: WhatsAppCloudMessages) {}

  /** Messages to or from a number, oldest first: bodies, templates, statuses, errors. */
  @Get('messages')
  list(@Query('number') raw: string | undefined, @Query('phoneNumberId') id?: string): CloudMessageView[] {
    return this.messages.list(parse(number, raw ?? '', 'number'), id || undefined);
  }

  @Get('numbers/:number')
  recipient(@Param('number') raw: string): RecipientView {
    return this.messages.recipients.view(parse(number, raw, 'number'));
  }

  /**
   * `window` opens (as an inbound message would) or closes the 24-hour window; `undeliverable` makes
   * messages fail after acceptance (131026, or `errorCode`).
   */
  @Put('numbers/:number')
  setRecipient(@Param('number') raw: string, @Body() body: unknown): RecipientView {
    const changes = parseOrBadRequest(recipientSchema, body ?? {}, 'invalid_recipient');
    return this.messages.recipients.set(parse(number, raw, 'number'), changes);
  }

  /**
   * A business phone number's display number, WABA id and approved templates (`{name, language,
   * body?}`; `body` with `{{1}}` makes the parameter count checked). Until templates are set, any
   * template is taken as approved; `null` goes back to that.
   */
  @Put('phone-numbers/:id')
  phoneNumber(@Param('id') raw: string, @Body() body: unknown): PhoneNumberSettings {
    const id = parse(phoneNumberId, raw, 'phoneNumberId');
    return this.messages.setPhoneNumber(
      id,
      parseOrBadRequest(phoneNumberSchema, body ?? {}, 'invalid_phone_number'),
    );
  }

  /** A member writes to the business; posted, signed, to the `whatsapp-cloud` webhook target. */
  @Post('inbound')
  @HttpCode(202)
  inbound(@Body() body: unknown): CloudMessageView {
    return this.messages.receive(parseOrBadRequest(inboundSchema, body ?? {}, 'invalid_inbound_message'));
  }
}
