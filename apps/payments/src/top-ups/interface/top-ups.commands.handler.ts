import { Controller } from '@nestjs/common';
import {
  PaymentsChargeTopUpResultV1,
  PaymentsChargeTopUpV1,
  PaymentsCreateTopUpResultV1,
  PaymentsCreateTopUpV1,
  PaymentsGetPaymentResultV1,
  PaymentsGetPaymentV1,
  PaymentsSavePaymentMethodResultV1,
  PaymentsSavePaymentMethodV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import { flowOf } from '../../shared/interface/flow-of';
import { ChargeTopUpHandler } from '../application/charge-top-up/charge-top-up.handler';
import { CreateTopUpHandler } from '../application/create-top-up/create-top-up.handler';
import { GetPaymentHandler } from '../application/get-payment/get-payment.handler';
import { PaymentDeclinedError } from '../application/ports/payment-gateway.port';
import { SavePaymentMethodHandler } from '../application/save-payment-method/save-payment-method.handler';
import type { Payment } from '../domain/payment';

/** The payment as the gateway shows it to the member. */
function view(p: Payment) {
  return {
    paymentId: p.paymentId,
    memberId: p.memberId,
    amountCentavos: p.amountCentavos,
    provider: p.provider,
    method: p.method,
    status: p.status,
    ...(p.reason && { reason: p.reason.slice(0, 500) }),
    ...(p.pix && { pix: { ...p.pix } }),
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
  };
}

/**
 * Top-up commands: the saga's off-session charge, the member's own top-up, saved cards, status. The
 * ones that call a provider run outside any database transaction (`callsVendor`): their use cases open
 * short ones of their own around the call, and the reply is recorded with the command's inbox row
 * afterwards. A crash between the call and that record runs the command again, which converges to the
 * same payment and the same reply (the calls are idempotent, and a recorded answer is what a re-run gets).
 */
@Controller()
export class TopUpsCommandsHandler {
  constructor(
    private readonly chargeTopUp: ChargeTopUpHandler,
    private readonly createTopUp: CreateTopUpHandler,
    private readonly getPayment: GetPaymentHandler,
    private readonly savePaymentMethod: SavePaymentMethodHandler,
  ) {}

  @OnCommand(PaymentsChargeTopUpV1, { callsVendor: true })
  async charge(envelope: Envelope<PaymentsChargeTopUpV1>, ctx: MessageContext) {
    const late = ctx.replyAddress && { ...ctx.replyAddress, commandId: envelope.id };
    const p = await this.chargeTopUp.execute(flowOf(ctx), envelope.data, late);
    return PaymentsChargeTopUpResultV1.envelope({
      ...ctx.follow(),
      subject: p.paymentId,
      data: {
        paymentId: p.paymentId,
        outcome: p.status === 'refunded' ? 'succeeded' : p.status,
        ...(p.reason && { reason: p.reason.slice(0, 500) }),
        ...(p.pix && p.status === 'pending' && { pix: { ...p.pix } }),
      },
    });
  }

  @OnCommand(PaymentsCreateTopUpV1, { callsVendor: true })
  async create(envelope: Envelope<PaymentsCreateTopUpV1>, ctx: MessageContext) {
    const { paymentId } = envelope.data;
    const p = await this.createTopUp.execute(flowOf(ctx), {
      ...envelope.data,
      idempotencyKey: `top-up:${envelope.tenantid}:${paymentId}`,
    });
    return PaymentsCreateTopUpResultV1.envelope({
      ...ctx.follow(),
      subject: paymentId,
      data: { payment: view(p), ...(p.clientSecret && { clientSecret: p.clientSecret }) },
    });
  }

  @OnCommand(PaymentsGetPaymentV1)
  async get(envelope: Envelope<PaymentsGetPaymentV1>, ctx: MessageContext) {
    const { paymentId, memberId } = envelope.data;
    const p = await this.getPayment.execute(ctx.manager, envelope.tenantid, paymentId, memberId);
    return PaymentsGetPaymentResultV1.envelope({
      ...ctx.follow(),
      subject: paymentId,
      data: { paymentId, ...(p && { payment: view(p) }) },
    });
  }

  @OnCommand(PaymentsSavePaymentMethodV1, { callsVendor: true })
  async saveMethod(envelope: Envelope<PaymentsSavePaymentMethodV1>, ctx: MessageContext) {
    const { memberId, token } = envelope.data;
    const reply = (data: PaymentsSavePaymentMethodResultV1) =>
      PaymentsSavePaymentMethodResultV1.envelope({ ...ctx.follow(), subject: memberId, data });
    try {
      const saved = await this.savePaymentMethod.execute(envelope.tenantid, memberId, token);
      return reply({
        outcome: 'saved',
        method: {
          methodId: saved.methodId,
          provider: saved.provider,
          ...(saved.brand && { brand: saved.brand }),
          ...(saved.last4 && { last4: saved.last4 }),
        },
      });
    } catch (error) {
      if (error instanceof PaymentDeclinedError)
        return reply({ outcome: 'refused', reason: error.reason.slice(0, 500) });
      throw error;
    }
  }
}
