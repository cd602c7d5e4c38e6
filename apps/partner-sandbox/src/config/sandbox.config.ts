import { z } from 'zod';
import { httpConfigSchema, optionalVariable } from '@sportclub/service-kit';
import { DEV_ACCESS_TOKEN } from '../mux/mux.credentials';

/** Simulated vendors that send webhooks, and the variables naming where and with which secret. */
export const WEBHOOK_VENDORS = [
  'access-vendor',
  'stripe',
  'mercadopago',
  'pagseguro',
  'twilio',
  'whatsapp-cloud',
  'mux',
] as const;
export type WebhookVendor = (typeof WEBHOOK_VENDORS)[number];

/**
 * Simulated vendors whose faults the admin API switches: the webhook senders, plus FCM, SMTP and the
 * Google Calendar API (not Google's OAuth endpoints, another service at Google).
 */
export const FAULT_VENDORS = [...WEBHOOK_VENDORS, 'fcm', 'smtp', 'google-calendar'] as const;
export type FaultVendor = (typeof FAULT_VENDORS)[number];

export const WEBHOOK_ENV = {
  'access-vendor': { url: 'ACCESS_VENDOR_WEBHOOK_URL', secret: 'ACCESS_VENDOR_WEBHOOK_SECRET' },
  stripe: { url: 'STRIPE_WEBHOOK_URL', secret: 'STRIPE_WEBHOOK_SECRET' },
  mercadopago: { url: 'MERCADOPAGO_WEBHOOK_URL', secret: 'MERCADOPAGO_WEBHOOK_SECRET' },
  // PagBank signs with the account token itself, hence the name.
  pagseguro: { url: 'PAGSEGURO_WEBHOOK_URL', secret: 'PAGSEGURO_TOKEN' },
  // Twilio signs inbound messages with the receiving account's auth token (status callbacks go to
  // each message's own StatusCallback, signed with the token that sent it).
  twilio: { url: 'TWILIO_WEBHOOK_URL', secret: 'TWILIO_AUTH_TOKEN' },
  'whatsapp-cloud': { url: 'WHATSAPP_CLOUD_WEBHOOK_URL', secret: 'WHATSAPP_CLOUD_APP_SECRET' },
  // The names the Mux SDK reads too (`MUX_WEBHOOK_SECRET` is what `webhooks.unwrap` verifies with).
  mux: { url: 'MUX_WEBHOOK_URL', secret: 'MUX_WEBHOOK_SECRET' },
} as const satisfies Record<WebhookVendor, { url: string; secret: string }>;

const url = optionalVariable(z.url());
const secret = optionalVariable(z.string().min(16));

/**
 * The sandbox's configuration: HTTP plus, all optional, where each simulated vendor sends its webhooks
 * at boot (the admin API can change them later). A URL without its secret fails at boot with the
 * secret's name: an unsigned webhook would only be rejected by the receiver, far from the cause. A
 * secret alone is fine for Mercado Pago and PagBank, which also notify each payment's own URL.
 */
export const sandboxConfigSchema = httpConfigSchema
  .extend({
    ACCESS_VENDOR_WEBHOOK_URL: url,
    ACCESS_VENDOR_WEBHOOK_SECRET: secret,
    STRIPE_WEBHOOK_URL: url,
    STRIPE_WEBHOOK_SECRET: secret,
    MERCADOPAGO_WEBHOOK_URL: url,
    MERCADOPAGO_WEBHOOK_SECRET: secret,
    PAGSEGURO_WEBHOOK_URL: url,
    PAGSEGURO_TOKEN: secret,
    TWILIO_WEBHOOK_URL: url,
    TWILIO_AUTH_TOKEN: secret,
    WHATSAPP_CLOUD_WEBHOOK_URL: url,
    WHATSAPP_CLOUD_APP_SECRET: secret,
    MUX_WEBHOOK_URL: url,
    MUX_WEBHOOK_SECRET: secret,
    /**
     * The Mux access token (HTTP Basic `id:secret`) the simulated Video API accepts; the fixed dev pair
     * unless set. Same names as the SDK's own variables, so one environment can serve both sides.
     */
    MUX_TOKEN_ID: z.string().min(1).default(DEV_ACCESS_TOKEN.id),
    MUX_TOKEN_SECRET: z.string().min(1).default(DEV_ACCESS_TOKEN.secret),
    /** How long a new Mux asset (a clip) stays `preparing` before it is `ready`, in ms (admin API can change it). */
    MUX_ASSET_READY_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(3_000),
    /** The simulated SMTP server's port (on HOST, beside the HTTP one). */
    SMTP_PORT: z.coerce.number().int().min(1).max(65_535).default(2525),
  })
  .superRefine((config, ctx) => {
    for (const names of Object.values(WEBHOOK_ENV)) {
      if (config[names.url] && !config[names.secret]) {
        ctx.addIssue({
          code: 'custom',
          path: [names.secret],
          message: `is required when ${names.url} is set (webhooks are signed with it)`,
        });
      }
    }
  });

export type SandboxConfig = z.infer<typeof sandboxConfigSchema>;

/** The webhook targets the environment configures, per vendor. */
export function webhookTargetsFromConfig(
  config: SandboxConfig,
): Partial<Record<WebhookVendor, { url?: string; secret: string }>> {
  const targets: Partial<Record<WebhookVendor, { url?: string; secret: string }>> = {};
  for (const vendor of WEBHOOK_VENDORS) {
    const names = WEBHOOK_ENV[vendor];
    const secretValue = config[names.secret];
    if (secretValue) targets[vendor] = { url: config[names.url], secret: secretValue };
  }
  return targets;
}
