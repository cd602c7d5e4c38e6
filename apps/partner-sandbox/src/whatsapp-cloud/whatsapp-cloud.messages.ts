import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MessagingRecipients } from '../common/messaging-recipients';
import { WebhookSender } from '../webhooks/webhook.sender';
import { metaSignature, unixSeconds } from '../webhooks/webhook.signatures';
import { invalidParameter, whatsappError } from './whatsapp-cloud.errors';

/** Pause between two status changes of a message (each one a webhook). */
const STATUS_STEP_MS = 50;
const BODY_LIMIT = 4_096;
const DEFAULT_WABA_ID = '102290129340398';
const DEFAULT_DISPLAY_NUMBER = '15551234567';
const ERROR_DOCS = 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/';

export type CloudMessageStatus = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed' | 'received';

/** The `POST /{phone-number-id}/messages` body the sandbox simulates: text and template messages. */
export interface SendMessageInput {
  messaging_product: 'whatsapp';
  recipient_type?: 'individual';
  to: string;
  type: 'text' | 'template';
  text?: { body: string; preview_url?: boolean };
  template?: {
    name: string;
    language: { code: string; policy?: 'deterministic' };
    components?: { type: string; parameters?: { type: string; text?: string }[] }[];
  };
}

export interface SendMessageAnswer {
  messaging_product: 'whatsapp';
  contacts: { input: string; wa_id: string }[];
  messages: { id: string; message_status?: 'accepted' }[];
}

/** An approved template of a phone number: `body` with `{{1}}`… placeholders, when known. */
export interface ApprovedTemplate {
  name: string;
  language: string;
  body?: string;
}

export interface PhoneNumberSettings {
  displayPhoneNumber: string;
  wabaId: string;
  /** Null: every template is taken as approved. */
  templates: ApprovedTemplate[] | null;
}

interface StatusError {
  code: number;
  title: string;
  message: string;
  error_data: { details: string };
  href: string;
}

/** What the admin API shows of a message: what the member received, and how its delivery went. */
export interface CloudMessageView {
  id: string;
  direction: 'outbound' | 'inbound';
  phoneNumberId: string;
  /** The member's number, E.164. */
  number: string;
  type: 'text' | 'template';
  body: string;
  template: { name: string; language: string; parameters: string[] } | null;
  status: CloudMessageStatus;
  statuses: { status: CloudMessageStatus; at: string }[];
  errors: StatusError[];
  createdAt: string;
}

const FAILURES: Record<number, { title: string; details: string }> = {
  131026: {
    title: 'Message undeliverable',
    details: 'Unable to deliver message. The recipient phone number is not a WhatsApp phone number.',
  },
  131047: {
    title: 'Re-engagement message',
    details:
      'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
};

/**
 * The WhatsApp Cloud API's messages, in memory: text and template sends to `/{phone-number-id}/messages`,
 * the `statuses` webhooks that follow (sent → delivered → read, or failed), and inbound messages the
 * admin API makes a user send, all posted to the configured webhook target signed with the app secret.
 *
 * As at Meta, a free-form message outside the user's 24-hour window is accepted and then fails with
 * 131047 on its status webhook, and a number not on WhatsApp fails with 131026; an unknown template
 * (132001) or a wrong parameter count (132000) is refused on the request itself.
 */
@Injectable()
export class WhatsAppCloudMessages {
  readonly recipients = new MessagingRecipients();
  private readonly messages = new Map<string, CloudMessageView>();
  private readonly phoneNumbers = new Map<string, PhoneNumberSettings>();

  constructor(private readonly webhooks: WebhookSender) {}

  phoneNumber(id: string): PhoneNumberSettings {
    return (
      this.phoneNumbers.get(id) ?? {
        displayPhoneNumber: DEFAULT_DISPLAY_NUMBER,
        wabaId: DEFAULT_WABA_ID,
        templates: null,
      }
    );
  }

  setPhoneNumber(id: string, changes: Partial<PhoneNumberSettings>): PhoneNumberSettings {
    const next = { ...this.phoneNumber(id), ...changes };
    this.phoneNumbers.set(id, next);
    return next;
  }

  send(phoneNumberId: string, input: SendMessageInput): SendMessageAnswer {
    const waId = input.to.replace(/\D/g, '');
    if (!/^[1-9]\d{7,14}$/.test(waId)) {
      throw invalidParameter(
        'Invalid parameter',
        `Invalid 'to' parameter: ${input.to} is not a valid phone number`,
      );
    }
    const number = `+${waId}`;
    const content = input.type === 'template' ? this.template(phoneNumberId, input) : this.text(input);
    const id = `wamid.${Buffer.from(`HBgM${waId}FQIAERgS${randomBytes(9).toString('hex').toUpperCase()}`).toString('base64')}`;
    const message: CloudMessageView = {
      id,
      direction: 'outbound',
      phoneNumberId,
      number,
      type: input.type,
      body: content.body,
      template: content.template,
      status: 'accepted',
      statuses: [{ status: 'accepted', at: new Date().toISOString() }],
      errors: [],
      createdAt: new Date().toISOString(),
    };
    this.messages.set(id, message);
    this.deliver(message);
    return {
      messaging_product: 'whatsapp',
      contacts: [{ input: input.to, wa_id: waId }],
      messages: [{ id, ...(input.type === 'template' ? { message_status: 'accepted' as const } : {}) }],
    };
  }

  /** Messages to or from a number, oldest first. */
  list(number: string, phoneNumberId?: string): CloudMessageView[] {
    return [...this.messages.values()]
      .filter(
        (m) => m.number === number && (phoneNumberId === undefined || m.phoneNumberId === phoneNumberId),
      )
      .map((m) => ({ ...m, statuses: [...m.statuses], errors: [...m.errors] }));
  }

  /** A user writes to the business number: a `messages` webhook, and the 24-hour window opens. */
  receive(input: {
    phoneNumberId: string;
    from: string;
    body: string;
    profileName?: string;
  }): CloudMessageView {
    const waId = input.from.slice(1);
    const id = `wamid.${Buffer.from(`HBgM${waId}FQIAEhgU${randomBytes(10).toString('hex').toUpperCase()}`).toString('base64')}`;
    const message: CloudMessageView = {
      id,
      direction: 'inbound',
      phoneNumberId: input.phoneNumberId,
      number: input.from,
      type: 'text',
      body: input.body,
      template: null,
      status: 'received',
      statuses: [{ status: 'received', at: new Date().toISOString() }],
      errors: [],
      createdAt: new Date().toISOString(),
    };
    this.messages.set(id, message);
    this.recipients.openWindow(input.from);
    this.notify(input.phoneNumberId, id, 'message.received', {
      contacts: [{ profile: { name: input.profileName ?? 'Sandbox User' }, wa_id: waId }],
      messages: [
        { from: waId, id, timestamp: String(unixSeconds()), type: 'text', text: { body: input.body } },
      ],
    });
    return message;
  }

  private text(input: SendMessageInput): { body: string; template: null } {
    const body = input.text?.body;
    if (typeof body !== 'string' || body === '')
      throw invalidParameter("The parameter text['body'] is required.");
    if (body.length > BODY_LIMIT) {
      throw invalidParameter(`Param text['body'] must be at most ${BODY_LIMIT} characters long.`);
    }
    return { body, template: null };
  }

  private template(
    phoneNumberId: string,
    input: SendMessageInput,
  ): { body: string; template: NonNullable<CloudMessageView['template']> } {
    const template = input.template;
    if (!template?.name || !template.language?.code) {
      throw invalidParameter('The parameter template[name] and template[language][code] are required.');
    }
    const parameters = (template.components ?? [])
      .filter((c) => c.type === 'body')
      .flatMap((c) => c.parameters ?? [])
      .map((p) => p.text ?? '');
    const approved = this.phoneNumber(phoneNumberId).templates;
    const known = approved?.find((t) => t.name === template.name && t.language === template.language.code);
    if (approved && !known) {
      throw whatsappError(
        404,
        132001,
        'Template name does not exist in the translation',
        `template name (${template.name}) does not exist in ${template.language.code}`,
      );
    }
    const view = { name: template.name, language: template.language.code, parameters };
    if (!known?.body)
      return {
        body: `[${template.name}/${template.language.code}] ${parameters.join(' | ')}`,
        template: view,
      };
    const expected = new Set(known.body.match(/\{\{\d+\}\}/g) ?? []).size;
    if (expected !== parameters.length) {
      throw whatsappError(
        400,
        132000,
        'Number of parameters does not match the expected number of params',
        `body: number of localizable_params (${parameters.length}) does not match the expected number of params (${expected})`,
      );
    }
    return {
      body: known.body.replace(/\{\{(\d+)\}\}/g, (whole, n: string) => parameters[Number(n) - 1] ?? whole),
      template: view,
    };
  }

  private deliver(message: CloudMessageView): void {
    const recipient = this.recipients.get(message.number);
    const steps: { status: CloudMessageStatus; errorCode?: number }[] =
      message.type === 'text' && !this.recipients.windowOpen(message.number)
        ? [{ status: 'failed', errorCode: 131047 }]
        : recipient.undeliverable
          ? [{ status: 'failed', errorCode: recipient.errorCode ?? 131026 }]
          : [{ status: 'sent' }, { status: 'delivered' }, { status: 'read' }];
    steps.forEach((step, i) => {
      setTimeout(() => this.advance(message, step.status, step.errorCode), STATUS_STEP_MS * (i + 1)).unref();
    });
  }

  private advance(message: CloudMessageView, status: CloudMessageStatus, errorCode?: number): void {
    message.status = status;
    message.statuses.push({ status, at: new Date().toISOString() });
    const failure =
      errorCode === undefined
        ? undefined
        : (FAILURES[errorCode] ?? { title: 'Failed', details: 'Message failed to send.' });
    const errors: StatusError[] = failure
      ? [
          {
            code: errorCode!,
            title: failure.title,
            message: failure.title,
            error_data: { details: failure.details },
            href: ERROR_DOCS,
          },
        ]
      : [];
    message.errors.push(...errors);
    const conversation =
      status === 'sent' || status === 'delivered'
        ? {
            conversation: {
              id: randomBytes(16).toString('hex'),
              origin: { type: message.type === 'template' ? 'utility' : 'service' },
            },
            pricing: {
              billable: message.type === 'template',
              pricing_model: 'CBP',
              category: message.type === 'template' ? 'utility' : 'service',
            },
          }
        : {};
    this.notify(message.phoneNumberId, message.id, `message.${status}`, {
      statuses: [
        {
          id: message.id,
          status,
          timestamp: String(unixSeconds()),
          recipient_id: message.number.slice(1),
          ...conversation,
          ...(errors.length ? { errors } : {}),
        },
      ],
    });
  }

  /** One `whatsapp_business_account` webhook with one `messages` change, signed with the app secret. */
  private notify(phoneNumberId: string, group: string, type: string, value: Record<string, unknown>): void {
    const phone = this.phoneNumber(phoneNumberId);
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: phone.wabaId,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: phone.displayPhoneNumber, phone_number_id: phoneNumberId },
                ...value,
              },
            },
          ],
        },
      ],
    });
    this.webhooks.dispatch('whatsapp-cloud', {
      group,
      eventId: `${group}:${type}`,
      type,
      body,
      headers: (appSecret) => ({ 'x-hub-signature-256': metaSignature(appSecret, body) }),
    });
  }
}
