import { All, Controller, Req } from '@nestjs/common';
import type { HttpRequest } from '../common/http.types';
import { TwilioApi } from './twilio.api';
import { twilioNotFound } from './twilio.errors';

/** Any other `/2010-04-01/…` call: Twilio's 20404 in its shape (registered after the Twilio controller). */
@Controller('2010-04-01')
@TwilioApi()
export class TwilioFallbackHttpController {
  @All('*path')
  unknown(@Req() req: HttpRequest): never {
    throw twilioNotFound(`${req.path} (the sandbox simulates Messages.json)`);
  }
}
