/**
 * Whether a handler's failure is a PostgreSQL data exception (SQLSTATE class 22: a U+0000 in `text` or
 * `jsonb` — 22021, 22P05 —, a malformed uuid or number, a value out of range, a string too long …).
 * Such a failure depends only on the message's data, so every retry fails the same way: the consumers
 * dead-letter it at once, with the error, instead of holding a partition or a delivery slot through
 * their retries. Returns the SQLSTATE, or undefined for any other failure.
 */
export function dataExceptionCode(error: unknown): string | undefined {
  let current: unknown = error;
  // TypeORM's QueryFailedError copies the driver's `code` and keeps the original as `driverError`;
  // other wrappers use the standard `cause`.
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const { code, driverError, cause } = current as {
      code?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return code;
    current = driverError ?? cause;
  }
  return undefined;
}

/** The dead letter's reason for a failure that is not retried. */
export const notRetried = (code: string, reason: string) =>
  `data exception (SQLSTATE ${code}), not retried: ${reason}`;
