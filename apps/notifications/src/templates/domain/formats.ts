/**
 * How values read in a member's locale and time zone (Intl, so pt-BR gets `R$ 25,00`, `19:30` and
 * `01/12/2026`). Non-breaking spaces become plain ones: WhatsApp and SMS show them as they are.
 */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/**
 * Formatters built once per locale and time zone: building one costs 0.05–0.5 ms, formatting with it
 * about 1 µs (docs/benchmarks.md, issue 12). Members use few locales and zones; the cache is still
 * bounded, as a locale tag can be spelled many ways.
 */
const MAX_FORMATTERS = 1_000;
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, build: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) {
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, (f = build()));
  }
  return f;
}

/** Centavos as money: 2500 → `R$ 25,00` (pt-BR) / `R$25.00` (en). */
export function money(centavos: number, locale: string): string {
  const f = cached(
    `money|${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'currency', currency: 'BRL' }),
  );
  return plain(f.format(centavos / 100));
}

export function timeOfDay(at: Date, locale: string, timeZone: string): string {
  const f = cached(
    `time|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }),
  );
  return plain(f.format(at));
}

export function dateOf(at: Date, locale: string, timeZone: string): string {
  const f = cached(
    `date|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }),
  );
  return f.format(at);
}

/** A duration in ms as `1 h 05 min` / `45 min`. */
export function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`;
}
