/**
 * Field schemas the messages share, so the same business value is validated the same way everywhere.
 * Money is always an integer amount of centavos.
 */
export const ID = { type: 'string', minLength: 1, maxLength: 100 } as const;
export const UUID = { type: 'string', format: 'uuid' } as const;
export const CENTAVOS = { type: 'integer', minimum: 0 } as const;
export const POSITIVE_CENTAVOS = { type: 'integer', minimum: 1 } as const;
export const TIMESTAMP = { type: 'string', format: 'date-time' } as const;
export const REASON = { type: 'string', minLength: 1, maxLength: 500 } as const;
export const PAYMENT_PROVIDER = { enum: ['stripe', 'mercadopago', 'pagseguro'] } as const;
export const PAYMENT_METHOD = { enum: ['card', 'pix'] } as const;

/** A Pix charge as the payer sees it: the "copia e cola" code, its QR image and when it expires. */
export const PIX_CHARGE = {
  type: 'object',
  required: ['qrCode', 'expiresAt'],
  additionalProperties: false,
  properties: {
    qrCode: { type: 'string', minLength: 1, maxLength: 2000 },
    qrCodeBase64: { type: 'string', maxLength: 200000 },
    ticketUrl: { type: 'string', maxLength: 2000 },
    expiresAt: TIMESTAMP,
  },
} as const;

/** A payment (a wallet top-up) as payments reports it to the gateway. */
export const PAYMENT = {
  type: 'object',
  required: ['paymentId', 'memberId', 'amountCentavos', 'provider', 'method', 'status', 'createdAt'],
  additionalProperties: false,
  properties: {
    paymentId: ID,
    memberId: ID,
    amountCentavos: POSITIVE_CENTAVOS,
    provider: PAYMENT_PROVIDER,
    method: PAYMENT_METHOD,
    status: { enum: ['pending', 'succeeded', 'failed', 'refunded'] },
    reason: REASON,
    pix: PIX_CHARGE,
    createdAt: TIMESTAMP,
    updatedAt: TIMESTAMP,
  },
} as const;

/** A device id is also its MQTT username and a topic level, so it can hold no wildcard, space or `/`. */
export const DEVICE_ID = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;
export const DEVICE_KIND = { enum: ['rfid-reader', 'court-panel', 'tablet'] } as const;
export const DEVICE_STATUS = { enum: ['online', 'offline', 'error'] } as const;
/** A device as the registry keeps it (never its credential). */
export const DEVICE = {
  type: 'object',
  required: ['deviceId', 'kind', 'enabled', 'createdAt', 'updatedAt'],
  properties: {
    deviceId: DEVICE_ID,
    kind: DEVICE_KIND,
    courtId: ID,
    enabled: { type: 'boolean' },
    /** What the device last reported, and when. */
    status: DEVICE_STATUS,
    lastSeenAt: TIMESTAMP,
    createdAt: TIMESTAMP,
    updatedAt: TIMESTAMP,
  },
} as const;
