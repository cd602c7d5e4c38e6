import { Injectable } from '@nestjs/common';
import { paymentNotFound } from './mercado-pago.errors';
import { NumericIds, type MpPayment } from './mercado-pago.objects';

/**
 * The simulated Mercado Pago accounts' payments, in memory. Each belongs to the access token that
 * created it (another account's payment is "not found", as at MP); idempotency keys are per token too.
 */
@Injectable()
export class MercadoPagoStore {
  readonly paymentIds = new NumericIds(1_320_000_000);
  readonly refundIds = new NumericIds(1_500_000_000);
  readonly notificationIds = new NumericIds(12_000_000_000);
  private readonly payments = new Map<number, { token: string; payment: MpPayment }>();
  private readonly idempotency = new Map<string, number>();

  save(token: string, payment: MpPayment, idempotencyKey: string | null): void {
    this.payments.set(payment.id, { token, payment });
    if (idempotencyKey) this.idempotency.set(`${token}\n${idempotencyKey}`, payment.id);
  }

  /** The payment an earlier request with this idempotency key created, if any. */
  byIdempotencyKey(token: string, key: string | null): MpPayment | undefined {
    const id = key ? this.idempotency.get(`${token}\n${key}`) : undefined;
    return id === undefined ? undefined : this.payments.get(id)?.payment;
  }

  /** Throws MP's 404 for an unknown id, or one of another account when `token` is given. */
  payment(id: string, token?: string): MpPayment {
    const entry = /^\d+$/.test(id) ? this.payments.get(Number(id)) : undefined;
    if (!entry || (token !== undefined && entry.token !== token)) throw paymentNotFound(id);
    return entry.payment;
  }

  search(token: string, filter: (p: MpPayment) => boolean): MpPayment[] {
    return [...this.payments.values()]
      .filter((e) => e.token === token && filter(e.payment))
      .map((e) => e.payment)
      .reverse();
  }
}
