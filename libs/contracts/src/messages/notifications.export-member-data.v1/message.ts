import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID } from '../fields';

/** Exported for the next major, which builds on it. */
export const schema = {
  type: 'object',
  required: ['memberId'],
  properties: { memberId: ID },
} as const satisfies JSONSchema;

export type NotificationsExportMemberDataV1 = FromSchema<typeof schema>;

export const NotificationsExportMemberDataV1 = defineMessage<NotificationsExportMemberDataV1>({
  type: 'notifications.export-member-data.v1',
  kind: 'command',
  service: 'notifications',
  summary: 'Everything notifications keeps about a member (LGPD art. 18: access and portability).',
  schema,
});
