import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID } from '../fields';

const schema = {
  type: 'object',
  required: ['memberId'],
  properties: { memberId: ID },
} as const satisfies JSONSchema;

export type NotificationsEraseMemberDataV1 = FromSchema<typeof schema>;

export const NotificationsEraseMemberDataV1 = defineMessage<NotificationsEraseMemberDataV1>({
  type: 'notifications.erase-member-data.v1',
  kind: 'command',
  service: 'notifications',
  summary: 'Erase what notifications keeps about a member (LGPD art. 18: elimination).',
  schema,
});
