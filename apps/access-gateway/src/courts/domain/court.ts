import { DomainError } from '../../shared/domain/domain.error';

/** A court of the club and the price of a session on it, in centavos (R$ 25,00 = 2500). */
export interface Court {
  courtId: string;
  name: string;
  priceCentavos: number;
}

export class CourtNotFoundError extends DomainError {
  readonly kind = 'not-found';
  readonly code = 'court_not_found';
  override readonly field = 'courtId';
  constructor() {
    super('no such court in this club');
  }
}
