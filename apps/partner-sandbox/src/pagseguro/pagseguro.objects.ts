/** PagBank's Charge resource (`/charges`): amounts in centavos, ids `CHAR_<UUID>`, times in -03:00. */

export type ChargeStatus = 'AUTHORIZED' | 'PAID' | 'DECLINED' | 'CANCELED';

export interface PagCharge {
  id: string;
  reference_id: string | null;
  status: ChargeStatus;
  created_at: string;
  paid_at?: string;
  description: string | null;
  amount: {
    value: number;
    currency: 'BRL';
    summary: { total: number; paid: number; refunded: number };
  };
  payment_response: { code: string; message: string; reference: string };
  payment_method: {
    type: 'CREDIT_CARD' | 'DEBIT_CARD';
    installments: number;
    capture: boolean;
    soft_descriptor: string | null;
    card: {
      brand: string;
      first_digits: string;
      last_digits: string;
      exp_month: string;
      exp_year: string;
      holder: { name: string | null };
      store: boolean;
    };
  };
  notification_urls: string[];
  metadata: Record<string, unknown>;
  links: { rel: string; href: string; media: 'application/json'; type: 'GET' | 'POST' }[];
}

/** PagBank's answers for the outcomes the sandbox simulates. */
export const RESPONSES = {
  paid: { code: '20000', message: 'SUCESSO' },
  declined: { code: '10002', message: 'NAO AUTORIZADA PELO EMISSOR' },
  canceled: { code: '20000', message: 'SUCESSO' },
} as const;

/** PagBank's offset: `2025-03-01T10:00:00.000-03:00`. */
export function pagDate(at = Date.now()): string {
  return new Date(at - 3 * 3_600_000).toISOString().replace('Z', '-03:00');
}

/** Hypermedia links as PagBank lists them, pointing at this sandbox. */
export function chargeLinks(base: string, charge: Pick<PagCharge, 'id' | 'status'>): PagCharge['links'] {
  const href = `${base}/charges/${charge.id}`;
  const links: PagCharge['links'] = [{ rel: 'SELF', href, media: 'application/json', type: 'GET' }];
  if (charge.status === 'PAID' || charge.status === 'AUTHORIZED') {
    links.push({ rel: 'CHARGE.CANCEL', href: `${href}/cancel`, media: 'application/json', type: 'POST' });
  }
  if (charge.status === 'AUTHORIZED') {
    links.push({ rel: 'CHARGE.CAPTURE', href: `${href}/capture`, media: 'application/json', type: 'POST' });
  }
  return links;
}
