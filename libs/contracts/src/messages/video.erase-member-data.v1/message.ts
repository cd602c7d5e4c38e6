import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID } from '../fields';

const schema = {
  type: 'object',
  required: ['memberId'],
  properties: { memberId: ID },
} as const satisfies JSONSchema;

export type VideoEraseMemberDataV1 = FromSchema<typeof schema>;

export const VideoEraseMemberDataV1 = defineMessage<VideoEraseMemberDataV1>({
  type: 'video.erase-member-data.v1',
  kind: 'command',
  service: 'video',
  summary:
    "Erases a member from video (LGPD art. 18): clips only they were on the court for are deleted, at the vendor too; they leave the others' viewers; their ended sessions are forgotten.",
  schema,
});
