/**
 * What a top-up may charge. Every provider has a smallest charge (Stripe: R$ 0,50 in BRL; PagBank:
 * R$ 1,00) and refuses anything below it as an invalid request — asking again never helps. A shortfall
 * the platform tops up for the member (a check-in short of R$ 0,20) is charged at least that minimum,
 * the rest staying as credit; an amount the member chose themselves is never silently raised, so below
 * the minimum it is refused. Above the platform's one maximum (`MAX_TOP_UP_CENTAVOS`) every top-up is
 * refused, whoever asks: a court priced by mistake must not empty a saved card.
 */
export type BelowMinimum = 'charge-the-minimum' | 'refuse';

export interface ChargeBounds {
  /** The provider's smallest charge. */
  minimumCentavos: number;
  /** The platform's largest top-up; never below any provider's minimum (checked at boot). */
  maximumCentavos: number;
}

export type ChargeDecision = { chargeCentavos: number } | { refused: string };

export function chargeFor(
  requestedCentavos: number,
  bounds: ChargeBounds,
  belowMinimum: BelowMinimum,
  provider: string,
): ChargeDecision {
  const { minimumCentavos, maximumCentavos } = bounds;
  if (requestedCentavos > maximumCentavos) {
    return {
      refused: `${requestedCentavos} centavos is above the top-up limit of ${maximumCentavos} centavos`,
    };
  }
  if (requestedCentavos >= minimumCentavos) return { chargeCentavos: requestedCentavos };
  if (belowMinimum === 'charge-the-minimum') return { chargeCentavos: minimumCentavos };
  return {
    refused: `${reais(requestedCentavos)} is below ${provider}'s smallest charge of ${reais(minimumCentavos)}`,
  };
}

/** `R$ 0,20`: how a member reads an amount. */
export const reais = (centavos: number) =>
  `R$ ${Math.trunc(centavos / 100)},${String(Math.abs(centavos % 100)).padStart(2, '0')}`;
