import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { NOTIFICATION_PROVIDER } from '../fields';

const schema = {
  type: 'object',
  required: ['provider', 'eventId'],
  properties: {
    provider: NOTIFICATION_PROVIDER,
    /** The stored webhook item's id at the provider (Twilio callback token, Meta message or status id). */
    eventId: { type: 'string', minLength: 1, maxLength: 300 },
  },
} as const satisfies JSONSchema;

export type NotificationsProcessWebhookV1 = FromSchema<typeof schema>;

export const NotificationsProcessWebhookV1 = defineMessage<NotificationsProcessWebhookV1>({
  type: 'notifications.process-webhook.v1',
  kind: 'command',
  service: 'notifications',
  summary:
    'Process a stored provider webhook (a status callback or an inbound message); notifications sends it to itself.',
  schema,
});
