import { z } from 'zod';
import { optionalVariable, serviceConfigSchema } from '@sportclub/service-kit';

const provider = z.enum(['stripe', 'mercadopago', 'pagseguro']);

/** `tenantA=pagseguro,tenantB=mercadopago`: the tenants whose cards another provider than the default takes. */
const tenantProviders = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const map = new Map<string, z.infer<typeof provider>>();
    for (const pair of value
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [tenant, name] = pair.split('=');
      const parsed = provider.safeParse(name);
      if (!tenant || !parsed.success) {
        ctx.addIssue({ code: 'custom', message: `"${pair}" is not <tenant>=stripe|mercadopago|pagseguro` });
        return z.NEVER;
      }
      map.set(tenant, parsed.data);
    }
    return map;
  });

/** A signing secret, and the one it replaces while a rotation is under way (both accepted meanwhile). */
const ROTATIONS = [
  ['STRIPE_WEBHOOK_SECRET', 'STRIPE_WEBHOOK_SECRET_PREVIOUS'],
  ['MERCADOPAGO_WEBHOOK_SECRET', 'MERCADOPAGO_WEBHOOK_SECRET_PREVIOUS'],
  ['PAGSEGURO_TOKEN', 'PAGSEGURO_TOKEN_PREVIOUS'],
] as const;

/** A provider's smallest charge in centavos (what it refuses below as an invalid request). */
const minimumCharge = (centavos: number) => z.coerce.number().int().min(1).max(100_000).default(centavos);

/**
 * Payments talks to Stripe, Mercado Pago and PagSeguro; locally all three are the partner sandbox.
 * The *_API_URL settings are unset in production (the SDKs' own hosts).
 */
const fields = serviceConfigSchema.extend({
  CARD_PROVIDER: provider.default('stripe'),
  CARD_PROVIDER_BY_TENANT: tenantProviders,
  STRIPE_SECRET_KEY: z.string().min(1),
  STRIPE_API_URL: z.url().optional(),
  /** Signs Stripe's webhooks to this service (`whsec_...`). */
  STRIPE_WEBHOOK_SECRET: z.string().min(16),
  /** The endpoint secret being rolled (Stripe signs with both until it expires); unset otherwise. */
  STRIPE_WEBHOOK_SECRET_PREVIOUS: optionalVariable(z.string().min(16)),
  /** Stripe's minimum charge in BRL is R$ 0,50. */
  STRIPE_MIN_CHARGE_CENTAVOS: minimumCharge(50),
  MERCADOPAGO_ACCESS_TOKEN: z.string().min(1),
  MERCADOPAGO_API_URL: z.url().optional(),
  MERCADOPAGO_WEBHOOK_SECRET: z.string().min(16),
  /** Mercado Pago's previous signature secret, accepted during a rotation; unset otherwise. */
  MERCADOPAGO_WEBHOOK_SECRET_PREVIOUS: optionalVariable(z.string().min(16)),
  /** Mercado Pago takes card payments from R$ 0,50 in Brazil (Pix from R$ 0,01). */
  MERCADOPAGO_MIN_CHARGE_CENTAVOS: minimumCharge(50),
  /** The address Mercado Pago and PagBank notify (this service's public `/webhooks/...` base). */
  PUBLIC_WEBHOOK_BASE_URL: z.url().optional(),
  /** PagBank's token both authenticates calls and signs its webhooks. */
  PAGSEGURO_TOKEN: z.string().min(16),
  /** The previous PagBank token, still accepted on webhooks during a rotation (never used for calls). */
  PAGSEGURO_TOKEN_PREVIOUS: optionalVariable(z.string().min(16)),
  PAGSEGURO_API_URL: z.url().optional(),
  /** PagBank charges from R$ 1,00. */
  PAGSEGURO_MIN_CHARGE_CENTAVOS: minimumCharge(100),
  /**
   * The largest top-up, for the saga's and the member's alike (R$ 5.000,00, as the gateway's
   * `POST /v1/wallet/top-ups`): above it a top-up fails without asking the provider.
   */
  MAX_TOP_UP_CENTAVOS: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).default(500_000),
});

const MINIMUMS = [
  'STRIPE_MIN_CHARGE_CENTAVOS',
  'MERCADOPAGO_MIN_CHARGE_CENTAVOS',
  'PAGSEGURO_MIN_CHARGE_CENTAVOS',
] as const;

/**
 * Validated at boot: a previous secret must be the one being replaced, not the current one again; the
 * top-up limit must leave room for every provider's minimum (the saga raises a shortfall to it).
 */
export const paymentsConfigSchema = fields.superRefine((config, ctx) => {
  const maximum = config.MAX_TOP_UP_CENTAVOS;
  // Checked only on a limit that parsed (zod refines even when a field already failed).
  const highest = MINIMUMS.filter((m) => Number.isSafeInteger(config[m])).sort(
    (a, b) => config[b] - config[a],
  )[0];
  if (Number.isSafeInteger(maximum) && maximum >= 1 && highest && config[highest] > maximum) {
    ctx.addIssue({
      code: 'custom',
      path: ['MAX_TOP_UP_CENTAVOS'],
      message: `is below ${highest} (${config[highest]}): no top-up could be charged`,
    });
  }
  for (const [current, previous] of ROTATIONS) {
    if (config[previous] !== undefined && config[previous] === config[current]) {
      ctx.addIssue({
        code: 'custom',
        path: [previous],
        message: `is the same as ${current}: set it to the secret being replaced, or leave it unset`,
      });
    }
  }
});

export type PaymentsConfig = z.infer<typeof paymentsConfigSchema>;
