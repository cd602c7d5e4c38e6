import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { MpPayment } from './mercado-pago.objects';
import { MercadoPagoPayments } from './mercado-pago.payments';
import { MercadoPagoStore } from './mercado-pago.store';

/**
 * What happens outside the API at Mercado Pago, driven by tests and demos: the payer pays the Pix in
 * the banking app, or its QR code expires. Each sends `payment.updated`. No auth, no faults.
 */
@Controller('mercadopago/__admin/payments')
export class MercadoPagoAdminHttpController {
  constructor(
    private readonly store: MercadoPagoStore,
    private readonly payments: MercadoPagoPayments,
  ) {}

  @Post(':id/approve')
  @HttpCode(200)
  approve(@Param('id') id: string): MpPayment {
    return this.payments.approve(this.store.payment(id));
  }

  @Post(':id/expire')
  @HttpCode(200)
  expire(@Param('id') id: string): MpPayment {
    return this.payments.expire(this.store.payment(id));
  }
}
