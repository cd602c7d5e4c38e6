import { mpDate, type PaymentStatus } from './mercado-pago.objects';

/**
 * MP's test cards decide by cardholder name; the sandbox reads the same markers from the card token:
 * a token containing `APRO` is approved, `OTHE`, `FUND`… rejected with MP's status_detail. A token
 * without a marker is approved.
 */
const OUTCOMES: [string, PaymentStatus, string][] = [
  ['APRO', 'approved', 'accredited'],
  ['CONT', 'in_process', 'pending_contingency'],
  ['OTHE', 'rejected', 'cc_rejected_other_reason'],
  ['CALL', 'rejected', 'cc_rejected_call_for_authorize'],
  ['FUND', 'rejected', 'cc_rejected_insufficient_amount'],
  ['SECU', 'rejected', 'cc_rejected_bad_filled_security_code'],
  ['EXPI', 'rejected', 'cc_rejected_bad_filled_date'],
  ['FORM', 'rejected', 'cc_rejected_bad_filled_other'],
];

/** MP's Brazilian test cards, for the digits a payment shows. */
const DIGITS: Record<string, [string, string]> = {
  visa: ['423564', '5682'],
  master: ['503143', '6351'],
  amex: ['375365', '6885'],
  elo: ['506776', '8311'],
  debelo: ['506776', '8311'],
  debvisa: ['400276', '0005'],
  debmaster: ['502121', '0002'],
};

export function cardOutcome(token: string): readonly [PaymentStatus, string] {
  const hit = OUTCOMES.find(([marker]) => token.includes(marker));
  return hit ? [hit[1], hit[2]] : ['approved', 'accredited'];
}

export const cardPaymentType = (paymentMethodId: string) =>
  paymentMethodId.startsWith('deb') ? ('debit_card' as const) : ('credit_card' as const);

export function cardOf(
  brand: string,
  holder: { first_name?: string; last_name?: string; identification?: { type?: string; number?: string } },
  at: number,
): Record<string, unknown> {
  const [first, last] = DIGITS[brand] ?? ['400000', '0001'];
  return {
    id: null,
    first_six_digits: first,
    last_four_digits: last,
    bin: first,
    expiration_month: 11,
    expiration_year: new Date(at).getUTCFullYear() + 5,
    date_created: mpDate(at),
    date_last_updated: mpDate(at),
    cardholder: {
      name: [holder.first_name, holder.last_name].filter(Boolean).join(' ') || null,
      identification: {
        type: holder.identification?.type ?? null,
        number: holder.identification?.number ?? null,
      },
    },
  };
}
