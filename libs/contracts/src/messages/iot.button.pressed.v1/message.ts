import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, TIMESTAMP } from '../fields';

const schema = {
  type: 'object',
  required: ['deviceId', 'courtId', 'pressedAt'],
  properties: {
    deviceId: ID,
    courtId: ID,
    pressedAt: TIMESTAMP,
    /** The panel's own id for the press, the same when it repeats it. Absent from older events. */
    requestId: ID,
  },
} as const satisfies JSONSchema;

export type IotButtonPressedV1 = FromSchema<typeof schema>;

export const IotButtonPressedV1 = defineMessage<IotButtonPressedV1>({
  type: 'iot.button.pressed.v1',
  kind: 'event',
  topic: 'iot.device.v1',
  summary: 'A court button was pressed (asks for a video highlight).',
  schema,
});
