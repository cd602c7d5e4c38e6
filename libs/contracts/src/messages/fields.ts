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
