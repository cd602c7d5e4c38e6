/**
 * How values read in a member's locale and time zone (Intl, so pt-BR gets `R$ 25,00`, `19:30` and
 * `01/12/2026`). Non-breaking spaces become plain ones: WhatsApp and SMS show them as they are.
 */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/** Centavos as money: 2500 → `R$ 25,00` (pt-BR) / `R$25.00` (en). */
export function money(centavos: number, locale: string): string {
  return plain(new Intl.NumberFormat(locale, { style: 'currency', currency: 'BRL' }).format(centavos / 100));
}

export function timeOfDay(at: Date, locale: string, timeZone: string): string {
  return plain(
    new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(
      at,
    ),
  );
}

export function dateOf(at: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(at);
}

/** A duration in ms as `1 h 05 min` / `45 min`. */
export function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`;
}
