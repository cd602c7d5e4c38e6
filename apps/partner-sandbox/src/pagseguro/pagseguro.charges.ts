import { randomInt, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { WebhookSender } from '../webhooks/webhook.sender';
import { pagSeguroAuthenticityToken } from '../webhooks/webhook.signatures';
import { chargeNotFound, invalidParameter } from './pagseguro.errors';
import { RESPONSES, chargeLinks, pagDate, type PagCharge } from './pagseguro.objects';

export interface CreateChargeInput {
  reference_id?: string;
  description?: string;
  amount: { value: number; currency: 'BRL' };
  payment_method: {
    type: 'CREDIT_CARD' | 'DEBIT_CARD';
    installments: number;
    capture: boolean;
    soft_descriptor?: string;
    card: {
      id?: string;
      encrypted?: string;
      number?: string;
      exp_month?: string | number;
      exp_year?: string | number;
      holder?: { name?: string };
      store?: boolean;
    };
  };
  notification_urls?: string[];
  metadata?: Record<string, unknown>;
}

/**
 * PagBank charges by card, in memory: paid at once (or authorized when `capture` is false) unless the
 * card id or encrypted card contains `DECLINED`; captured, refunded (`cancel`) in full or in part.
 * Every change is posted to the charge's `notification_urls` (or the configured target) as the charge
 * itself, with `x-authenticity-token`.
 */
@Injectable()
export class PagSeguroCharges {
  private readonly charges = new Map<string, PagCharge>();
  private readonly idempotency = new Map<string, string>();
  private notifications = 0;

  constructor(private readonly webhooks: WebhookSender) {}

  create(token: string, key: string | null, input: CreateChargeInput, base: string): PagCharge {
    const known = key ? this.idempotency.get(`${token}\n${key}`) : undefined;
    if (known) return this.charges.get(known)!;
    const card = input.payment_method.card;
    if (!card.id && !card.encrypted && !card.number) {
      throw invalidParameter(
        'payment_method.card',
        'one of card.id, card.encrypted or card.number is required',
      );
    }
    const declined = `${card.id ?? ''}${card.encrypted ?? ''}`.includes('DECLINED');
    const capture = input.payment_method.capture;
    const status = declined ? 'DECLINED' : capture ? 'PAID' : 'AUTHORIZED';
    const id = `CHAR_${randomUUID().toUpperCase()}`;
    const number = card.number?.replace(/\D/g, '') ?? (declined ? '4000000000000002' : '4111111111111111');
    const charge: PagCharge = {
      id,
      reference_id: input.reference_id ?? null,
      status,
      created_at: pagDate(),
      ...(status === 'PAID' ? { paid_at: pagDate() } : {}),
      description: input.description ?? null,
      amount: {
        value: input.amount.value,
        currency: 'BRL',
        summary: { total: input.amount.value, paid: status === 'PAID' ? input.amount.value : 0, refunded: 0 },
      },
      payment_response: { ...(declined ? RESPONSES.declined : RESPONSES.paid), reference: nsu() },
      payment_method: {
        type: input.payment_method.type,
        installments: input.payment_method.installments,
        capture,
        soft_descriptor: input.payment_method.soft_descriptor ?? null,
        card: {
          brand: number.startsWith('5') ? 'mastercard' : 'visa',
          first_digits: number.slice(0, 6),
          last_digits: number.slice(-4),
          exp_month: String(card.exp_month ?? '12'),
          exp_year: String(card.exp_year ?? new Date().getUTCFullYear() + 4),
          holder: { name: card.holder?.name ?? null },
          store: card.store ?? false,
        },
      },
      notification_urls: input.notification_urls ?? [],
      metadata: input.metadata ?? {},
      links: [],
    };
    charge.links = chargeLinks(base, charge);
    this.charges.set(id, charge);
    if (key) this.idempotency.set(`${token}\n${key}`, id);
    this.notify(charge);
    return charge;
  }

  get(id: string): PagCharge {
    const charge = this.charges.get(id);
    if (!charge) throw chargeNotFound(id);
    return charge;
  }

  capture(charge: PagCharge, value: number, base: string): PagCharge {
    if (charge.status !== 'AUTHORIZED') {
      throw invalidParameter('id', `charge is ${charge.status}; only an AUTHORIZED charge can be captured`);
    }
    if (value !== charge.amount.value) {
      throw invalidParameter('amount.value', `must equal the authorized amount (${charge.amount.value})`);
    }
    Object.assign(charge, { status: 'PAID', paid_at: pagDate() });
    charge.amount.summary.paid = value;
    return this.changed(charge, RESPONSES.paid, base);
  }

  /** A refund (PAID) or a void (AUTHORIZED); the whole of what is left makes the charge CANCELED. */
  cancel(charge: PagCharge, value: number, base: string): PagCharge {
    if (charge.status !== 'PAID' && charge.status !== 'AUTHORIZED') {
      throw invalidParameter(
        'id',
        `charge is ${charge.status}; only a PAID or AUTHORIZED charge can be canceled`,
      );
    }
    const { summary } = charge.amount;
    const left = charge.status === 'PAID' ? summary.paid - summary.refunded : charge.amount.value;
    if (value > left || (charge.status === 'AUTHORIZED' && value !== left)) {
      throw invalidParameter(
        'amount.value',
        `must be ${charge.status === 'AUTHORIZED' ? 'exactly' : 'at most'} the cancelable amount (${left})`,
      );
    }
    if (charge.status === 'PAID') summary.refunded += value;
    if (value === left) charge.status = 'CANCELED';
    return this.changed(charge, RESPONSES.canceled, base);
  }

  private changed(charge: PagCharge, response: { code: string; message: string }, base: string): PagCharge {
    charge.payment_response = { ...response, reference: nsu() };
    charge.links = chargeLinks(base, charge);
    this.notify(charge);
    return charge;
  }

  private notify(charge: PagCharge): void {
    const body = JSON.stringify(charge);
    this.webhooks.dispatch('pagseguro', {
      group: charge.id,
      eventId: `${charge.id}#${++this.notifications}`,
      type: `charge.${charge.status.toLowerCase()}`,
      body,
      urls: charge.notification_urls,
      headers: (token) => ({ 'x-authenticity-token': pagSeguroAuthenticityToken(token, body) }),
    });
  }
}

/** The acquirer's reference (NSU) PagBank shows in `payment_response.reference`. */
const nsu = () => String(randomInt(100_000_000, 999_999_999)) + String(randomInt(1000, 9999));
