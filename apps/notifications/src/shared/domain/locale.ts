/** Whether messages can be written in this BCP 47 locale (the runtime has its formats: `pt-BR`, `en`). */
export function isWritableLocale(locale: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(locale).length > 0;
  } catch {
    return false; // not a BCP 47 tag at all
  }
}
