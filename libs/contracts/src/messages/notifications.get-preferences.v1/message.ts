import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID } from '../fields';

const schema = {
  type: 'object',
  required: ['memberId'],
  properties: { memberId: ID },
} as const satisfies JSONSchema;

export type NotificationsGetPreferencesV1 = FromSchema<typeof schema>;

export const NotificationsGetPreferencesV1 = defineMessage<NotificationsGetPreferencesV1>({
  type: 'notifications.get-preferences.v1',
  kind: 'command',
  service: 'notifications',
  summary:
    "A member's contacts, channel order, quiet hours and consents (the gateway asks for the member or staff).",
  schema,
});
