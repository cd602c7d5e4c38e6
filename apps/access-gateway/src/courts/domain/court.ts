import { refusal } from '@sportclub/service-kit';

/** A court of the club and the price of a session on it, in centavos (R$ 25,00 = 2500). */
export interface Court {
  courtId: string;
  name: string;
  priceCentavos: number;
}

export class CourtNotFoundError extends refusal(
  'not-found',
  'court_not_found',
  'no such court in this club',
  'courtId',
) {}
