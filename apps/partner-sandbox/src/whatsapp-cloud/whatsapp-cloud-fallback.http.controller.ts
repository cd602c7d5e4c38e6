import { All, Controller, Req } from '@nestjs/common';
import type { HttpRequest } from '../common/http.types';
import { GraphApi } from './whatsapp-cloud.api';
import { GraphApiException } from './whatsapp-cloud.errors';

/** Any other `/graph/…` call: Graph's "Unknown path components" (registered after the Graph controller). */
@Controller('graph')
@GraphApi()
export class WhatsAppCloudFallbackHttpController {
  @All('*path')
  unknown(@Req() req: HttpRequest): never {
    throw new GraphApiException(400, {
      message: `Unknown path components: ${req.path.replace(/^\/graph/, '')} (the sandbox simulates /{version}/{phone-number-id}/messages)`,
      code: 2500,
    });
  }
}
