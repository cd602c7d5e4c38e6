import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['readerId', 'scanId', 'cardId', 'courtId'],
  properties: {
    readerId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
    scanId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
    cardId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
    courtId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
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
