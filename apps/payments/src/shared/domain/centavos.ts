/**
 * Money is integer centavos in a JavaScript number, which is exact only up to Number.MAX_SAFE_INTEGER.
 * An amount from outside (a command, an event, a provider) beyond it is no longer the amount that was
 * sent — JSON.parse has already rounded it — and sums with it drift, so it is refused before it is
 * stored or added to anything.
 */
export function isExactCentavos(amount: unknown): amount is number {
  return typeof amount === 'number' && Number.isSafeInteger(amount) && amount >= 0;
}

/** Why an amount was refused as inexact, naming the field. */
export const inexactCentavos = (field: string, amount: unknown) =>
  `${field} ${String(amount)} is not an exact number of centavos (0 to ${Number.MAX_SAFE_INTEGER})`;
