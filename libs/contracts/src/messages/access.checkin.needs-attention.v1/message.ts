import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, UUID, REASON } from '../fields';

const schema = {
  type: 'object',
  required: ['checkInId', 'step', 'reason'],
  properties: {
    checkInId: UUID,
    step: ID,
    reason: REASON,
  },
} as const satisfies JSONSchema;

export type AccessCheckinNeedsAttentionV1 = FromSchema<typeof schema>;

export const AccessCheckinNeedsAttentionV1 = defineMessage<AccessCheckinNeedsAttentionV1>({
  type: 'access.checkin.needs-attention.v1',
  kind: 'event',
  topic: 'access.checkin.v1',
  summary: 'A compensation kept failing; an operator must settle this check-in by hand.',
  schema,
});
