import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, PROVIDER_ACCOUNT } from '../fields';

const schema = {
  type: 'object',
  required: ['account', 'savedBy'],
  properties: {
    /** The account with its secrets; `account.provider` says which. */
    account: PROVIDER_ACCOUNT,
    savedBy: ID,
  },
} as const satisfies JSONSchema;

export type NotificationsSaveProviderAccountV1 = FromSchema<typeof schema>;

export const NotificationsSaveProviderAccountV1 = defineMessage<NotificationsSaveProviderAccountV1>({
  type: 'notifications.save-provider-account.v1',
  kind: 'command',
  service: 'notifications',
  summary:
    "Set the club's own account with a provider (kept encrypted; used instead of the platform's from the next message on).",
  schema,
});
