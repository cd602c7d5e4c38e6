import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID } from '../fields';

const schema = {
  type: 'object',
  required: ['readerId', 'scanId', 'cardId', 'courtId'],
  properties: {
    readerId: ID,
    scanId: ID,
    cardId: ID,
    courtId: ID,
  },
} as const satisfies JSONSchema;

export type IotRfidScannedV1 = FromSchema<typeof schema>;

export const IotRfidScannedV1 = defineMessage<IotRfidScannedV1>({
  type: 'iot.rfid.scanned.v1',
  kind: 'event',
  topic: 'iot.device.v1',
  summary: 'A card was read at a court door.',
  schema,
});
