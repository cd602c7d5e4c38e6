/** The platform's bound on one top-up, from configuration (`MAX_TOP_UP_CENTAVOS`, validated at boot). */
export interface TopUpLimits {
  readonly maximumCentavos: number;
}

export const TOP_UP_LIMITS = Symbol('TOP_UP_LIMITS');
