import { All, Controller, Req, UseFilters } from '@nestjs/common';
import type { HttpRequest } from '../common/http.types';
import { PagSeguroApiException, PagSeguroExceptionFilter } from './pagseguro.errors';

/** Any other `/pagseguro/…` call: PagBank's error shape (registered after the PagBank controller). */
@Controller('pagseguro')
@UseFilters(PagSeguroExceptionFilter)
export class PagSeguroFallbackHttpController {
  @All('*path')
  unknown(@Req() req: HttpRequest): never {
    throw new PagSeguroApiException(404, {
      code: 'NOT_FOUND',
      description: `${req.method} ${req.path} is not simulated (the sandbox has /charges)`,
    });
  }
}
