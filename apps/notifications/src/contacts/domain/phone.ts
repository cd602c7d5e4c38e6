import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * A phone number as members type it (`(11) 98765-4321`, `11987654321`, `+55 11 98765 4321`,
 * `5511987654321`), in E.164 (`+5511987654321`); undefined when it is not a valid number. A number
 * without a country is Brazilian (seed 000 prefixes 55), and so is a 12–13 digit one starting with 55.
 * Validation is libphonenumber's (Google's metadata, `max` build: it knows which ranges are mobile).
 */
export function toE164(input: string): string | undefined {
  const trimmed = input.trim();
  const digits = trimmed.replace(/\D/g, '');
  const international = trimmed.startsWith('+') || trimmed.startsWith('00');
  const candidate = international
    ? `+${digits.replace(/^00/, '')}`
    : /^55\d{10,11}$/.test(digits)
      ? `+${digits}`
      : digits;
  const parsed = parsePhoneNumberFromString(candidate, 'BR');
  return parsed?.isValid() ? parsed.number : undefined;
}

/** Whether WhatsApp and SMS can reach the number: a mobile (or a number whose type is unknown). */
export function isMobile(e164: string): boolean {
  const type = parsePhoneNumberFromString(e164)?.getType();
  return type === undefined || type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}
