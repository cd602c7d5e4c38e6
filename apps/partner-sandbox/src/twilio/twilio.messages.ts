import { Injectable } from '@nestjs/common';
import { E164, MessagingRecipients } from '../common/messaging-recipients';
import { WebhookSender } from '../webhooks/webhook.sender';
import { twilioSignature } from '../webhooks/webhook.signatures';
import { twilioBadRequest, twilioNotFound } from './twilio.errors';
import { messagePage, type ListMessagesParams, type TwilioMessagePage } from './twilio.message-list';
import {
  API_VERSION,
  ERROR_MESSAGES,
  messageUri,
  rfc2822,
  segments,
  twilioSid,
  type TwilioMessage,
  type TwilioMessageStatus,
} from './twilio.objects';

/** Pause between two status changes of a message (each one a callback). */
const STATUS_STEP_MS = 50;
const CONTENT_SID = /^HX[0-9a-fA-F]{32}$/;
const BODY_LIMIT = 1_600;
/** Twilio's own WhatsApp sandbox sender: the business number of an inbound message by default. */
export const DEFAULT_WHATSAPP_SENDER = '+14155238886';
const DEFAULT_ACCOUNT = `AC${'0'.repeat(32)}`;

export type TwilioChannel = 'sms' | 'whatsapp';

/** The form parameters of `POST /Accounts/{AccountSid}/Messages.json` the sandbox reads. */
export interface CreateMessageParams {
  To?: string;
  From?: string;
  Body?: string;
  StatusCallback?: string;
  ContentSid?: string;
  ContentVariables?: string;
  MessagingServiceSid?: string;
}

interface MessageRecord {
  resource: TwilioMessage;
  channel: TwilioChannel;
  contentSid: string | null;
  contentVariables: Record<string, string> | null;
  statusCallback: string | null;
  /** Signs the status callbacks: the token the creating request authenticated with. */
  authToken: string;
  statuses: { status: TwilioMessageStatus; at: string }[];
}

/** What the admin API shows of a message: what the member received, and how its delivery went. */
export interface TwilioMessageView {
  sid: string;
  accountSid: string;
  direction: TwilioMessage['direction'];
  channel: TwilioChannel;
  from: string;
  to: string;
  body: string;
  contentSid: string | null;
  contentVariables: Record<string, string> | null;
  status: TwilioMessageStatus;
  statuses: { status: TwilioMessageStatus; at: string }[];
  errorCode: number | null;
  statusCallback: string | null;
  dateCreated: string;
}

export interface InboundInput {
  from: string;
  to?: string;
  body: string;
  channel: TwilioChannel;
  accountSid?: string;
  profileName?: string;
}

/**
 * Twilio Programmable Messaging, in memory: SMS and WhatsApp messages created through the REST API,
 * the status callbacks that follow (queued → sent → delivered, → read on WhatsApp; failed or
 * undelivered with an error code), and inbound messages the admin API makes a user send.
 *
 * As at Twilio, a WhatsApp free-form message outside the user's 24-hour window is accepted (201
 * queued) and then fails with 63016 on its status callback; content templates (`ContentSid`) may be
 * sent at any time. Errors Twilio raises on the request itself (21211, 21610, 21655…) answer 400.
 */
@Injectable()
export class TwilioMessages {
  readonly recipients = new MessagingRecipients();
  private readonly messages = new Map<string, MessageRecord>();
  /** Per account: approved content templates (`HX…` → text with `{{1}}` placeholders), once set. */
  private readonly templates = new Map<string, Map<string, string>>();
  /** The account that last sent from a business number: it receives that number's inbound messages. */
  private readonly senders = new Map<string, string>();

  constructor(private readonly webhooks: WebhookSender) {}

  create(accountSid: string, authToken: string, params: CreateMessageParams): TwilioMessage {
    const { to, from, channel } = this.addresses(params);
    const content = this.content(accountSid, params);
    const body = content ? content.body : (params.Body ?? '');
    if (!content && !params.Body) {
      throw twilioBadRequest(21619, 'A text message body or media urls must be specified.');
    }
    if (body.length > BODY_LIMIT) {
      throw twilioBadRequest(21617, 'The concatenated message body exceeds the 1600 character limit.');
    }
    if (params.StatusCallback !== undefined && !URL.canParse(params.StatusCallback)) {
      throw twilioBadRequest(21609, `The StatusCallback URL ${params.StatusCallback} is not a valid URL.`);
    }
    if (this.recipients.get(to).unsubscribed) {
      throw twilioBadRequest(21610, 'Attempt to send to unsubscribed recipient');
    }

    const sid = twilioSid('SM');
    const now = rfc2822();
    const prefix = channel === 'whatsapp' ? 'whatsapp:' : '';
    const record: MessageRecord = {
      resource: {
        account_sid: accountSid,
        api_version: API_VERSION,
        body,
        date_created: now,
        date_sent: null,
        date_updated: now,
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from: prefix + from,
        messaging_service_sid: null,
        num_media: '0',
        num_segments: String(segments(body)),
        price: null,
        price_unit: 'USD',
        sid,
        status: 'queued',
        subresource_uris: {
          media: messageUri(accountSid, sid).replace('.json', '/Media.json'),
          feedback: messageUri(accountSid, sid).replace('.json', '/Feedback.json'),
        },
        to: prefix + to,
        uri: messageUri(accountSid, sid),
      },
      channel,
      contentSid: content?.sid ?? null,
      contentVariables: content?.variables ?? null,
      statusCallback: params.StatusCallback ?? null,
      authToken,
      statuses: [{ status: 'queued', at: new Date().toISOString() }],
    };
    this.messages.set(sid, record);
    this.senders.set(from, accountSid);
    this.deliver(record, content !== null);
    return record.resource;
  }

  get(accountSid: string, sid: string): TwilioMessage {
    const record = this.messages.get(sid);
    if (!record || record.resource.account_sid !== accountSid) {
      throw twilioNotFound(messageUri(accountSid, sid));
    }
    return record.resource;
  }

  /** Sets an account's approved content templates; from then on an unknown `ContentSid` is 21655. */
  setTemplates(accountSid: string, templates: Record<string, string>): void {
    this.templates.set(accountSid, new Map(Object.entries(templates)));
  }

  /** A page of the account's messages, newest first, as Twilio lists them (see `messagePage`). */
  page(accountSid: string, params: ListMessagesParams): TwilioMessagePage {
    const newestFirst = [...this.messages.values()].map((record) => record.resource).reverse();
    return messagePage(accountSid, newestFirst, params);
  }

  /** Messages to or from a number (any channel), or every message without one; oldest first. */
  list(filter: { number?: string; accountSid?: string; direction?: TwilioMessage['direction'] } = {}) {
    const { number, accountSid, direction } = filter;
    const bare = (address: string) => address.replace(/^whatsapp:/, '');
    const views: TwilioMessageView[] = [];
    for (const record of this.messages.values()) {
      const r = record.resource;
      if (number !== undefined && bare(r.to) !== number && bare(r.from) !== number) continue;
      if (accountSid !== undefined && r.account_sid !== accountSid) continue;
      if (direction !== undefined && r.direction !== direction) continue;
      views.push(view(record));
    }
    return views;
  }

  /**
   * A user writes to a business number: the message is posted, signed, to the configured inbound URL
   * (the `twilio` webhook target); on WhatsApp it opens the user's 24-hour window, and on SMS `STOP`
   * and `START` opt the number out and back in, as Twilio's default keyword handling does.
   */
  receive(input: InboundInput): TwilioMessageView {
    const to = input.to ?? DEFAULT_WHATSAPP_SENDER;
    const accountSid = input.accountSid ?? this.senders.get(to) ?? DEFAULT_ACCOUNT;
    const prefix = input.channel === 'whatsapp' ? 'whatsapp:' : '';
    const sid = twilioSid('SM');
    const now = rfc2822();
    const record: MessageRecord = {
      resource: {
        account_sid: accountSid,
        api_version: API_VERSION,
        body: input.body,
        date_created: now,
        date_sent: now,
        date_updated: now,
        direction: 'inbound',
        error_code: null,
        error_message: null,
        from: prefix + input.from,
        messaging_service_sid: null,
        num_media: '0',
        num_segments: String(segments(input.body)),
        price: null,
        price_unit: 'USD',
        sid,
        status: 'received',
        subresource_uris: { media: '', feedback: '' },
        to: prefix + to,
        uri: messageUri(accountSid, sid),
      },
      channel: input.channel,
      contentSid: null,
      contentVariables: null,
      statusCallback: null,
      authToken: '',
      statuses: [{ status: 'received', at: new Date().toISOString() }],
    };
    this.messages.set(sid, record);
    if (input.channel === 'whatsapp') this.recipients.openWindow(input.from);
    const keyword = input.body.trim().toUpperCase();
    if (input.channel === 'sms' && ['STOP', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'].includes(keyword)) {
      this.recipients.set(input.from, { unsubscribed: true });
    }
    if (input.channel === 'sms' && ['START', 'UNSTOP', 'YES'].includes(keyword)) {
      this.recipients.set(input.from, { unsubscribed: false });
    }

    const params: Record<string, string> = {
      SmsMessageSid: sid,
      NumMedia: '0',
      SmsSid: sid,
      SmsStatus: 'received',
      Body: input.body,
      To: record.resource.to,
      NumSegments: record.resource.num_segments,
      MessageSid: sid,
      AccountSid: accountSid,
      From: record.resource.from,
      ApiVersion: API_VERSION,
      ...(input.channel === 'whatsapp' && {
        ProfileName: input.profileName ?? 'Sandbox User',
        WaId: input.from.slice(1),
        MessageType: 'text',
      }),
    };
    const body = new URLSearchParams(params).toString();
    this.webhooks.dispatch('twilio', {
      group: sid,
      eventId: sid,
      type: 'message.received',
      body,
      contentType: 'application/x-www-form-urlencoded',
      // Signed with the target's secret: the auth token of the account the number belongs to.
      headers: (token, url) => ({ 'x-twilio-signature': twilioSignature(token, url, params) }),
    });
    return view(record);
  }

  private addresses(params: CreateMessageParams): { to: string; from: string; channel: TwilioChannel } {
    if (!params.To) throw twilioBadRequest(21604, "A 'To' phone number is required.");
    if (!params.From) {
      throw twilioBadRequest(
        21603,
        params.MessagingServiceSid
          ? "A 'From' phone number is required (the sandbox does not simulate Messaging Services)."
          : "A 'From' phone number is required.",
      );
    }
    const whatsappTo = params.To.startsWith('whatsapp:');
    if (whatsappTo !== params.From.startsWith('whatsapp:')) {
      throw twilioBadRequest(
        21910,
        "Invalid 'From' and 'To' pair. 'From' and 'To' should be of the same channel.",
      );
    }
    const to = params.To.replace(/^whatsapp:/, '');
    const from = params.From.replace(/^whatsapp:/, '');
    if (!E164.test(to))
      throw twilioBadRequest(21211, `The 'To' number ${params.To} is not a valid phone number.`);
    if (!E164.test(from)) {
      throw twilioBadRequest(
        21212,
        `The 'From' number ${params.From} is not a valid phone number, shortcode, or alphanumeric sender ID.`,
      );
    }
    return { to, from, channel: whatsappTo ? 'whatsapp' : 'sms' };
  }

  /** A content template (`ContentSid` + `ContentVariables`), rendered; null for a free-form body. */
  private content(
    accountSid: string,
    params: CreateMessageParams,
  ): { sid: string; variables: Record<string, string>; body: string } | null {
    if (params.ContentSid === undefined) {
      if (params.ContentVariables !== undefined) throw twilioBadRequest(21654, 'ContentSid Required');
      return null;
    }
    const approved = this.templates.get(accountSid);
    if (!CONTENT_SID.test(params.ContentSid) || (approved && !approved.has(params.ContentSid))) {
      throw twilioBadRequest(21655, 'The ContentSid is Invalid.');
    }
    let variables: Record<string, string> = {};
    if (params.ContentVariables !== undefined) {
      try {
        variables = JSON.parse(params.ContentVariables) as Record<string, string>;
      } catch {
        variables = null as unknown as Record<string, string>;
      }
      const valid =
        typeof variables === 'object' &&
        variables !== null &&
        !Array.isArray(variables) &&
        Object.values(variables).every((v) => typeof v === 'string');
      if (!valid) throw twilioBadRequest(21656, 'The ContentVariables Parameter is invalid.');
    }
    const text = approved?.get(params.ContentSid);
    const body =
      text === undefined
        ? `[${params.ContentSid}] ${JSON.stringify(variables)}`
        : text.replace(/\{\{(\d+)\}\}/g, (whole, n: string) => variables[n] ?? whole);
    return { sid: params.ContentSid, variables, body };
  }

  /** The statuses a message goes through after the API answered, each with its callback. */
  private deliver(record: MessageRecord, template: boolean): void {
    const to = record.resource.to.replace(/^whatsapp:/, '');
    const recipient = this.recipients.get(to);
    const whatsapp = record.channel === 'whatsapp';
    const steps: { status: TwilioMessageStatus; errorCode?: number }[] = [{ status: 'queued' }];
    if (whatsapp && !template && !this.recipients.windowOpen(to)) {
      steps.push({ status: 'failed', errorCode: 63016 });
    } else if (recipient.undeliverable && whatsapp) {
      steps.push({ status: 'failed', errorCode: recipient.errorCode ?? 63003 });
    } else if (recipient.undeliverable) {
      steps.push({ status: 'sent' }, { status: 'undelivered', errorCode: recipient.errorCode ?? 30003 });
    } else {
      steps.push(
        { status: 'sent' },
        { status: 'delivered' },
        ...(whatsapp ? [{ status: 'read' as const }] : []),
      );
    }
    steps.forEach((step, i) => {
      setTimeout(
        () => this.advance(record, step.status, step.errorCode, i === 0),
        STATUS_STEP_MS * (i + 1),
      ).unref();
    });
  }

  private advance(
    record: MessageRecord,
    status: TwilioMessageStatus,
    errorCode: number | undefined,
    initial: boolean,
  ): void {
    const r = record.resource;
    if (!initial) {
      r.status = status;
      r.date_updated = rfc2822();
      if (status === 'sent') r.date_sent = r.date_updated;
      if (errorCode !== undefined) {
        r.error_code = errorCode;
        r.error_message = ERROR_MESSAGES[errorCode] ?? null;
      }
      record.statuses.push({ status, at: new Date().toISOString() });
    }
    if (!record.statusCallback) return;
    const params: Record<string, string> = {
      AccountSid: r.account_sid,
      ApiVersion: API_VERSION,
      From: r.from,
      To: r.to,
      MessageSid: r.sid,
      MessageStatus: status,
      SmsSid: r.sid,
      SmsStatus: status,
      ...(errorCode !== undefined && { ErrorCode: String(errorCode) }),
      ...(record.channel === 'whatsapp' && {
        ChannelPrefix: 'whatsapp',
        ChannelToAddress: r.to.replace(/^whatsapp:/, ''),
      }),
    };
    const url = record.statusCallback;
    this.webhooks.dispatch('twilio', {
      group: r.sid,
      eventId: `${r.sid}:${status}`,
      type: `message.${status}`,
      body: new URLSearchParams(params).toString(),
      urls: [url],
      contentType: 'application/x-www-form-urlencoded',
      secret: record.authToken,
      headers: (token) => ({ 'x-twilio-signature': twilioSignature(token, url, params) }),
    });
  }
}

function view(record: MessageRecord): TwilioMessageView {
  const r = record.resource;
  return {
    sid: r.sid,
    accountSid: r.account_sid,
    direction: r.direction,
    channel: record.channel,
    from: r.from,
    to: r.to,
    body: r.body,
    contentSid: record.contentSid,
    contentVariables: record.contentVariables,
    status: r.status,
    statuses: [...record.statuses],
    errorCode: r.error_code,
    statusCallback: record.statusCallback,
    dateCreated: r.date_created,
  };
}
