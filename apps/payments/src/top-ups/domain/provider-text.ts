/**
 * What providers send ends up in PostgreSQL (text and jsonb columns, the outbox's jsonb). PostgreSQL
 * stores U+0000 in neither, so one NUL in a decline message or a webhook's metadata used to fail the
 * whole transaction. Derived text is made storable here; the raw webhook body is kept as bytes.
 */

const CONTROL = /[\u0000-\u001f\u007f]/;
const UNREADABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * The text with NUL and the other control characters (tab and line breaks aside) replaced by U+FFFD,
 * so the rest survives and a reader sees that something was there; cut to `maxLength`.
 */
export function storableText(text: string, maxLength = 500): string {
  return text.replace(UNREADABLE, '\ufffd').slice(0, maxLength);
}

/** An identifier a provider sent that can be stored and looked up as sent: 1–255 printable characters. */
export function isUsableIdentifier(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 255 && !CONTROL.test(value);
}
