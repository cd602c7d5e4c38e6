import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, UUID } from '../fields';

const schema = {
  type: 'object',
  required: ['checkInId', 'courtId', 'memberId'],
  properties: { checkInId: UUID, courtId: ID, memberId: ID },
} as const satisfies JSONSchema;

export type AccessGatewayOpenCourtV1 = FromSchema<typeof schema>;

export const AccessGatewayOpenCourtV1 = defineMessage<AccessGatewayOpenCourtV1>({
  type: 'access-gateway.open-court.v1',
  kind: 'command',
  service: 'access-gateway',
  summary:
    'Open a court door at the access-control vendor for a check-in (the saga sends it to its own service).',
  schema,
});
