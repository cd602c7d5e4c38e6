import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ParsedMail } from 'mailparser';

/** A message the SMTP server accepted, as parsed from what the client sent. */
export interface ReceivedMail {
  id: string;
  /** What the client said in MAIL FROM and RCPT TO (lowercase). */
  envelope: { mailFrom: string; rcptTo: string[] };
  /** The AUTH user, when the client logged in. */
  authUser?: string;
  messageId?: string;
  from?: string;
  to: string[];
  subject?: string;
  text?: string;
  html?: string;
  /** Each header's value as sent (the first, when a header repeats), by lowercase name. */
  headers: Record<string, string>;
  receivedAt: string;
}

/** Local parts starting with this bounce without being marked (`bounce@…`, `bounce-7@…`). */
export const BOUNCING_PREFIX = 'bounce';
const KEPT_MESSAGES = 1_000;

/**
 * The mailboxes behind the SMTP server: every address takes mail except those the admin API marks
 * as bouncing (and local parts starting with `bounce`), and everything accepted is kept in arrival
 * order for the admin API.
 */
@Injectable()
export class SmtpMailbox {
  private readonly messages: ReceivedMail[] = [];
  private readonly bouncing = new Set<string>();

  bounces(address: string): boolean {
    const lower = address.toLowerCase();
    return this.bouncing.has(lower) || lower.startsWith(BOUNCING_PREFIX);
  }

  markBouncing(address: string): void {
    this.bouncing.add(address.toLowerCase());
  }

  unmarkBouncing(address: string): void {
    this.bouncing.delete(address.toLowerCase());
  }

  deliver(envelope: ReceivedMail['envelope'], authUser: string | undefined, mail: ParsedMail): ReceivedMail {
    const addresses = (field: ParsedMail['to']) =>
      (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) =>
        a.value.map((v) => v.address ?? '').filter(Boolean),
      );
    const headers: Record<string, string> = {};
    for (const { key, line } of mail.headerLines) {
      headers[key] ??= line.slice(line.indexOf(':') + 1).trim();
    }
    const received: ReceivedMail = {
      id: randomUUID(),
      envelope,
      ...(authUser && { authUser }),
      messageId: mail.messageId,
      from: mail.from?.text,
      to: addresses(mail.to),
      subject: mail.subject,
      text: mail.text,
      ...(typeof mail.html === 'string' && { html: mail.html }),
      headers,
      receivedAt: new Date().toISOString(),
    };
    this.messages.push(received);
    if (this.messages.length > KEPT_MESSAGES) this.messages.shift();
    return received;
  }

  /** Messages whose envelope names the recipient (case-insensitive), oldest first; all without one. */
  receivedBy(recipient?: string): ReceivedMail[] {
    if (recipient === undefined) return [...this.messages];
    const lower = recipient.toLowerCase();
    return this.messages.filter((m) => m.envelope.rcptTo.includes(lower));
  }
}
