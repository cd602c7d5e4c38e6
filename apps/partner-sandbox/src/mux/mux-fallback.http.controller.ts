import { All, Controller } from '@nestjs/common';
import { MuxApi } from './mux.api';
import { muxNotFound } from './mux.errors';

/**
 * Any other Mux API call (`/video/v1/…`, `/system/v1/…`: uploads, tracks, DRM, simulcast…): after
 * authentication, Mux's 404 in its shape (registered after the Mux controllers).
 */
@Controller()
@MuxApi()
export class MuxFallbackHttpController {
  @All(['video/v1/*path', 'system/v1/*path'])
  unknown(): never {
    throw muxNotFound();
  }
}
