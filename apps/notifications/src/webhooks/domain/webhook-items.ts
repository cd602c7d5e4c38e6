import type { ProviderName } from '../../shared/domain/channels';

/**
 * What a provider's webhook says, one item per fact, in this service's terms. One HTTP call may carry
 * several (a Meta webhook batches statuses and messages); each is stored and processed on its own,
 * under the provider's own id for it, so a redelivered webhook is recognised item by item.
 */
export type WebhookItem =
  | {
      type: 'status';
      eventId: string;
      provider: ProviderName;
      providerMessageId: string;
      status: 'sent' | 'delivered' | 'read' | 'failed';
      reason?: string;
    }
  | {
      type: 'inbound';
      eventId: string;
      provider: ProviderName;
      messageId: string;
      /** E.164. */
      from: string;
      text: string;
      receivedAt: string;
    };

const TWILIO_STATUS: Record<string, 'sent' | 'delivered' | 'read' | 'failed' | undefined> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  undelivered: 'failed',
};

/**
 * A Twilio status callback (form fields `MessageSid`, `MessageStatus`, `ErrorCode`). Twilio's own
 * `I-Twilio-Idempotency-Token` names the callback when present; queued/accepted/sending say nothing new.
 */
export function twilioStatusItems(p: Record<string, string>, idempotencyToken?: string): WebhookItem[] {
  const status = TWILIO_STATUS[p.MessageStatus ?? ''];
  if (!p.MessageSid || !status) return [];
  return [
    {
      type: 'status',
      eventId: idempotencyToken ?? `${p.MessageSid}:${p.MessageStatus}`,
      provider: 'twilio',
      providerMessageId: p.MessageSid,
      status,
      ...(status === 'failed' && {
        reason: `Twilio ${p.ErrorCode ?? 'error'}${p.ErrorMessage ? `: ${p.ErrorMessage}` : ''}`.slice(
          0,
          500,
        ),
      }),
    },
  ];
}

/** A WhatsApp message a member sent to the club's Twilio number (`From` is `whatsapp:+55…`). */
export function twilioInboundItems(p: Record<string, string>, at: Date): WebhookItem[] {
  if (!p.MessageSid || !p.From) return [];
  return [
    {
      type: 'inbound',
      eventId: p.MessageSid,
      provider: 'twilio',
      messageId: p.MessageSid,
      from: p.From.replace(/^whatsapp:/, ''),
      text: (p.Body ?? '').slice(0, 4096),
      receivedAt: at.toISOString(),
    },
  ];
}

interface MetaChange {
  field?: string;
  value?: {
    statuses?: {
      id?: string;
      status?: string;
      errors?: { code?: number; title?: string; message?: string }[];
    }[];
    messages?: { id?: string; from?: string; timestamp?: string; type?: string; text?: { body?: string } }[];
  };
}

/** A webhook body that is not in the provider's shape (signed, so the provider's or its key's holder's). */
export class MalformedWebhookError extends Error {
  override name = 'MalformedWebhookError';
}

const list = <T>(value: unknown, what: string): T[] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new MalformedWebhookError(`${what} is not a list`);
  return value.filter((v): v is T => typeof v === 'object' && v !== null);
};

/**
 * A WhatsApp Cloud API webhook (`whatsapp_business_account`): statuses and inbound messages; a body
 * whose lists are not lists is MalformedWebhookError.
 */
export function metaItems(body: unknown): WebhookItem[] {
  const root = typeof body === 'object' && body !== null ? (body as { entry?: unknown }) : {};
  const entries = list<{ changes?: unknown }>(root.entry, 'entry');
  const items: WebhookItem[] = [];
  for (const change of entries.flatMap((e) => list<MetaChange>(e.changes, 'entry[].changes'))) {
    if (change.field !== 'messages') continue;
    for (const s of list<NonNullable<NonNullable<MetaChange['value']>['statuses']>[number]>(
      change.value?.statuses,
      'value.statuses',
    )) {
      const status = TWILIO_STATUS[s.status ?? ''];
      if (!s.id || !status) continue;
      const error = s.errors?.[0];
      items.push({
        type: 'status',
        eventId: `${s.id}:${s.status}`,
        provider: 'whatsapp-cloud',
        providerMessageId: s.id,
        status,
        ...(status === 'failed' && {
          reason:
            `WhatsApp ${error?.code ?? 'error'}: ${error?.message ?? error?.title ?? 'not delivered'}`.slice(
              0,
              500,
            ),
        }),
      });
    }
    for (const m of list<NonNullable<NonNullable<MetaChange['value']>['messages']>[number]>(
      change.value?.messages,
      'value.messages',
    )) {
      if (!m.id || !m.from) continue;
      items.push({
        type: 'inbound',
        eventId: m.id,
        provider: 'whatsapp-cloud',
        messageId: m.id,
        from: `+${m.from.replace(/\D/g, '')}`,
        text: (m.type === 'text' ? (m.text?.body ?? '') : `[${m.type ?? 'message'}]`).slice(0, 4096),
        receivedAt: new Date(Number(m.timestamp ?? 0) * 1000 || Date.now()).toISOString(),
      });
    }
  }
  return items;
}

/** Words a member replies to stop WhatsApp messages (pt-BR first, then the usual English ones). */
const OPT_OUT = new Set(['SAIR', 'PARAR', 'CANCELAR', 'STOP', 'UNSUBSCRIBE']);

export function isOptOut(text: string): boolean {
  const word = text
    .trim()
    .toUpperCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[.!]+$/, '');
  return OPT_OUT.has(word);
}
