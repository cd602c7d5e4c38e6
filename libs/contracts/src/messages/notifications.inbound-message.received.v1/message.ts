import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, NOTIFICATION_PROVIDER, TIMESTAMP } from '../fields';

const schema = {
  type: 'object',
  required: ['messageId', 'provider', 'from', 'text', 'receivedAt'],
  properties: {
    messageId: { type: 'string', minLength: 1, maxLength: 300 },
    provider: NOTIFICATION_PROVIDER,
    /** The member whose phone wrote, when the club knows it. */
    memberId: ID,
    /** E.164. */
    from: { type: 'string', maxLength: 16 },
    text: { type: 'string', maxLength: 4096 },
    receivedAt: TIMESTAMP,
  },
} as const satisfies JSONSchema;

export type NotificationsInboundMessageReceivedV1 = FromSchema<typeof schema>;

export const NotificationsInboundMessageReceivedV1 = defineMessage<NotificationsInboundMessageReceivedV1>({
  type: 'notifications.inbound-message.received.v1',
  kind: 'event',
  topic: 'notifications.inbound-message.v1',
  summary: "A member wrote to the club's WhatsApp (anything but an opt-out word): for the club's staff.",
  schema,
});
