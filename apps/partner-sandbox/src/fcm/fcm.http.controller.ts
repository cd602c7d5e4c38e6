import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { parseOrBadRequest } from '@sportclub/service-kit';
import { FcmApi } from './fcm.api';
import { FcmDevices } from './fcm.devices';

const object = z.record(z.string(), z.unknown());
const sendSchema = z
  .object({
    message: z
      .object({
        token: z.string().optional(),
        topic: z.string().optional(),
        condition: z.string().optional(),
        name: z.string().optional(),
        notification: z
          .object({ title: z.string().optional(), body: z.string().optional(), image: z.string().optional() })
          .strict()
          .optional(),
        data: z.record(z.string(), z.string()).optional(),
        android: object.optional(),
        apns: object.optional(),
        webpush: object.optional(),
        fcm_options: object.optional(),
      })
      .strict(),
    validate_only: z.boolean().optional(),
  })
  .strict();

/**
 * FCM HTTP v1 `messages:send` (what the Firebase Admin SDK's `send` calls): one message to one
 * registration token, kept as the device's for the admin API to show.
 */
@Controller('v1/projects/:projectId')
@FcmApi()
export class FcmHttpController {
  constructor(private readonly devices: FcmDevices) {}

  // The colon is escaped: in a route, `:send` would be a parameter.
  @Post('messages\\:send')
  @HttpCode(200)
  send(@Param('projectId') projectId: string, @Body() body: unknown): { name: string } {
    const { message, validate_only } = parseOrBadRequest(sendSchema, body ?? {}, 'invalid_argument');
    return this.devices.send(projectId, message, validate_only ?? false);
  }
}
