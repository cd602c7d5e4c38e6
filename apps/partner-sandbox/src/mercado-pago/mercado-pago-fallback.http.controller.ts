import { All, Controller, Req, UseFilters } from '@nestjs/common';
import type { HttpRequest } from '../common/http.types';
import { MercadoPagoApiException, MercadoPagoExceptionFilter } from './mercado-pago.errors';

/** Any other `/mercadopago/…` call: MP's 404 body (registered after the Mercado Pago controllers). */
@Controller('mercadopago')
@UseFilters(MercadoPagoExceptionFilter)
export class MercadoPagoFallbackHttpController {
  @All('*path')
  unknown(@Req() req: HttpRequest): never {
    throw new MercadoPagoApiException(404, 'not_found', 'resource not found', [
      {
        code: 'not_found',
        description: `${req.method} ${req.path} is not simulated (the sandbox has /v1/payments)`,
        data: null,
      },
    ]);
  }
}
