import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, REASON, UUID } from '../fields';

const schema = {
  type: 'object',
  required: ['checkInId', 'outcome'],
  properties: { checkInId: UUID, outcome: { enum: ['opened', 'failed'] }, sessionId: ID, reason: REASON },
} as const satisfies JSONSchema;

export type AccessGatewayOpenCourtResultV1 = FromSchema<typeof schema>;

export const AccessGatewayOpenCourtResultV1 = defineMessage<AccessGatewayOpenCourtResultV1>({
  type: 'access-gateway.open-court.result.v1',
  kind: 'reply',
  service: 'access-gateway',
  summary: 'Outcome of open-court: the vendor session id, or why the court did not open.',
  schema,
});
