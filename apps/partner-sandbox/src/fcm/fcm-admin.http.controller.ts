import { Controller, Delete, Get, HttpCode, Param, Put, Query, Req } from '@nestjs/common';
import { z } from 'zod';
import { parseOrBadRequest } from '@sportclub/service-kit';
import type { HttpRequest } from '../common/http.types';
import { SANDBOX_PROJECT_ID } from './fcm-sandbox-account';
import { FcmDevices, type ReceivedPush } from './fcm.devices';
import { GoogleOAuth, type ServiceAccountFile } from './google-oauth';

/** Google's rule for project ids: 6–30 lowercase letters, digits and hyphens, from a letter. */
const projectQuery = z
  .object({
    projectId: z
      .string()
      .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'is not a Google project id (6–30 of a-z, 0-9, -)')
      .default(SANDBOX_PROJECT_ID),
  })
  .strict();
const messagesQuery = z.object({ token: z.string().min(1).optional() }).strict();

/**
 * FCM's side of the admin API: the service account key files the token endpoint knows, what each
 * device received, and which tokens are unregistered (the app was uninstalled).
 */
@Controller('__admin/fcm')
export class FcmAdminHttpController {
  constructor(
    private readonly oauth: GoogleOAuth,
    private readonly devices: FcmDevices,
  ) {}

  /** The project's service account key file (default project `sportclub-sandbox`, a fixed key). */
  @Get('service-account')
  serviceAccount(@Req() req: HttpRequest, @Query() query: unknown): ServiceAccountFile {
    const { projectId } = parseOrBadRequest(projectQuery, query ?? {}, 'invalid_query');
    return this.oauth.serviceAccount(projectId, `${req.protocol}://${req.get('host')}/oauth2/token`);
  }

  /** Messages the token's device received, oldest first (all devices' without `token`). */
  @Get('messages')
  messages(@Query() query: unknown): ReceivedPush[] {
    const { token } = parseOrBadRequest(messagesQuery, query ?? {}, 'invalid_query');
    return this.devices.receivedBy(token);
  }

  @Put('unregistered/:token')
  @HttpCode(204)
  unregister(@Param('token') token: string): void {
    this.devices.unregister(token);
  }

  @Delete('unregistered/:token')
  @HttpCode(204)
  register(@Param('token') token: string): void {
    this.devices.register(token);
  }
}
