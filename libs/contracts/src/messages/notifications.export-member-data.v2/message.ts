import type { FromSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { schema as v1 } from '../notifications.export-member-data.v1/message';

/** v1's schema: the command is new only because its reply carries the kinds of v2. */
const schema = v1;

export type NotificationsExportMemberDataV2 = FromSchema<typeof schema>;

export const NotificationsExportMemberDataV2 = defineMessage<NotificationsExportMemberDataV2>({
  type: 'notifications.export-member-data.v2',
  kind: 'command',
  service: 'notifications',
  summary: 'Everything notifications keeps about a member (LGPD art. 18: access and portability).',
  schema,
});
