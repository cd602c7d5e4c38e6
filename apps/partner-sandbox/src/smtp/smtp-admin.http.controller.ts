import { Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { parseOrBadRequest } from '@sportclub/service-kit';
import { SmtpMailbox, type ReceivedMail } from './smtp.mailbox';

const messagesQuery = z.object({ to: z.email().optional() }).strict();
const address = (value: string) =>
  parseOrBadRequest(z.object({ address: z.email() }), { address: value }, 'invalid_address').address;

/** The SMTP server's side of the admin API: received mail and bouncing addresses. */
@Controller('__admin/smtp')
export class SmtpAdminHttpController {
  constructor(private readonly mailbox: SmtpMailbox) {}

  /** Messages accepted for the recipient (envelope RCPT TO), oldest first; all without `to`. */
  @Get('messages')
  messages(@Query() query: unknown): ReceivedMail[] {
    const { to } = parseOrBadRequest(messagesQuery, query ?? {}, 'invalid_query');
    return this.mailbox.receivedBy(to);
  }

  /** From now on RCPT TO this address gets `550 5.1.1`. */
  @Put('bouncing/:address')
  @HttpCode(204)
  bounce(@Param('address') value: string): void {
    this.mailbox.markBouncing(address(value));
  }

  @Delete('bouncing/:address')
  @HttpCode(204)
  accept(@Param('address') value: string): void {
    this.mailbox.unmarkBouncing(address(value));
  }
}
