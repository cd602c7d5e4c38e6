import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { HttpRequest } from '../common/http.types';
import { TwilioApi, basicCredentials } from './twilio.api';
import { LIST_PARAMS, type ListMessagesParams, type TwilioMessagePage } from './twilio.message-list';
import { TwilioMessages, type CreateMessageParams } from './twilio.messages';
import type { TwilioMessage } from './twilio.objects';

const PARAMS = [
  'To',
  'From',
  'Body',
  'StatusCallback',
  'ContentSid',
  'ContentVariables',
  'MessagingServiceSid',
] as const;

/** The form parameters the sandbox reads; Twilio ignores the rest, and so does the sandbox. */
function createParams(body: unknown): CreateMessageParams {
  const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const params: CreateMessageParams = {};
  for (const name of PARAMS) {
    const value = form[name];
    if (typeof value === 'string') params[name] = value;
  }
  return params;
}

/** The list's query parameters the sandbox reads (a repeated one counts once, its last value). */
function listParams(query: unknown): ListMessagesParams {
  const all = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const params: ListMessagesParams = {};
  for (const name of LIST_PARAMS) {
    const value = all[name];
    const last = Array.isArray(value) ? (value.at(-1) as unknown) : value;
    if (typeof last === 'string') params[name] = last;
  }
  return params;
}

/**
 * Twilio Programmable Messaging (`twilio` SDK, its HTTP client pointed at the sandbox): create, list and
 * fetch a Message under `/2010-04-01/Accounts/{AccountSid}`, form-encoded, Basic `AccountSid:AuthToken`.
 */
@Controller('2010-04-01/Accounts/:accountSid')
@TwilioApi()
export class TwilioHttpController {
  constructor(private readonly messages: TwilioMessages) {}

  @Post('Messages.json')
  @HttpCode(201)
  create(
    @Req() req: HttpRequest,
    @Param('accountSid') accountSid: string,
    @Body() body: unknown,
  ): TwilioMessage {
    const { authToken } = basicCredentials(req)!;
    return this.messages.create(accountSid, authToken, createParams(body));
  }

  /** Newest first, filtered by `To`, `From`, `DateSent`, `DateSent<`, `DateSent>`; Twilio's page shape. */
  @Get('Messages.json')
  list(@Param('accountSid') accountSid: string, @Query() query: unknown): TwilioMessagePage {
    return this.messages.page(accountSid, listParams(query));
  }

  @Get('Messages/:sid.json')
  get(@Param('accountSid') accountSid: string, @Param('sid') sid: string): TwilioMessage {
    return this.messages.get(accountSid, sid);
  }
}
