import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { PROVIDER_ACCOUNT_VIEW, REASON } from '../fields';

const schema = {
  type: 'object',
  required: ['outcome'],
  properties: {
    outcome: { enum: ['saved', 'invalid'] },
    /** With `saved`: the account without its secrets. */
    account: PROVIDER_ACCOUNT_VIEW,
    /** With `invalid`: the field refused (`privateKey`) and why. */
    field: { type: 'string', maxLength: 100 },
    reason: REASON,
  },
} as const satisfies JSONSchema;

export type NotificationsSaveProviderAccountResultV1 = FromSchema<typeof schema>;

export const NotificationsSaveProviderAccountResultV1 =
  defineMessage<NotificationsSaveProviderAccountResultV1>({
    type: 'notifications.save-provider-account.result.v1',
    kind: 'reply',
    service: 'notifications',
    summary: 'The saved account without its secrets, or the field refused.',
    schema,
  });
