import { z } from 'zod';
import { optionalVariable, sealingKeys, serviceConfigSchema } from '@sportclub/service-kit';
import { PROVIDERS, type ProviderName } from '../shared/domain/channels';

/** Sends per second per club when PROVIDER_RATE_LIMITS does not say (conservative account defaults). */
const DEFAULT_RATE_LIMITS: Record<ProviderName, number> = {
  twilio: 50,
  'whatsapp-cloud': 80,
  fcm: 500,
  smtp: 20,
};

const e164 = z.string().regex(/^\+[1-9]\d{7,14}$/, 'is not an E.164 number (+5511…)');

/**
 * The platform's own provider accounts, used for every club that has not configured its own. Each
 * provider is optional: one whose variables are unset is simply not in any delivery plan. Locally all
 * of them are the partner sandbox; the *_API_URL settings are unset in production (the vendors' hosts).
 */
const fields = serviceConfigSchema.extend({
  /** Where the send rate per club and provider is counted (shared by every replica). */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  /**
   * Sends per second per club and provider (`twilio=50,fcm=500`; unnamed providers keep their default):
   * what each provider's account allows — Twilio's per-sender throughput, Meta's 80 messages/s, FCM's
   * project quota, the SMTP relay's.
   */
  PROVIDER_RATE_LIMITS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const limits: Record<ProviderName, number> = { ...DEFAULT_RATE_LIMITS };
      for (const pair of value
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)) {
        const [name, rate] = pair.split('=');
        const perSecond = Number(rate);
        if (
          !(PROVIDERS as readonly string[]).includes(name) ||
          !Number.isInteger(perSecond) ||
          perSecond < 1
        ) {
          ctx.addIssue({
            code: 'custom',
            message: `"${pair}" is not <${PROVIDERS.join('|')}>=<sends per second>`,
          });
          return z.NEVER;
        }
        limits[name as ProviderName] = perSecond;
      }
      return limits;
    }),
  /** Members planned per announcement batch, and the time between batches (keep it near the send rate). */
  ANNOUNCEMENT_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
  ANNOUNCEMENT_BATCH_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /**
   * Days a finished delivery (and its attempts) is kept for staff and for the member's export; then
   * deleted (LGPD: kept only while it serves). Raw webhooks, unmatched statuses and receipt halves go
   * after 30 days whatever this says.
   */
  DELIVERY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(180),
  /**
   * Where a member opens a court highlight they were told of, `{highlightId}` replaced: the club app's
   * page (which asks the gateway's `GET /v1/highlights/:id` signed in). Locally there is no app: the
   * gateway's route itself.
   */
  HIGHLIGHT_LINK_URL: z
    .string()
    .refine(
      (v) => v.includes('{highlightId}') && z.url().safeParse(v.replace('{highlightId}', 'x')).success,
      {
        message: 'a URL containing {highlightId}',
      },
    )
    .default('http://127.0.0.1:3000/v1/highlights/{highlightId}'),
  /** This service's public address, where Twilio and Meta post their callbacks (`…/webhooks/...`). */
  PUBLIC_WEBHOOK_BASE_URL: z.url(),
  /** The keys clubs' own provider accounts are encrypted with; the first encrypts. */
  CREDENTIALS_KEYS: sealingKeys,

  TWILIO_ACCOUNT_SID: optionalVariable(
    z.string().regex(/^AC[0-9a-zA-Z]{8,}$/, 'is not a Twilio account SID (AC…)'),
  ),
  TWILIO_AUTH_TOKEN: optionalVariable(z.string().min(8)),
  TWILIO_WHATSAPP_FROM: optionalVariable(e164),
  TWILIO_SMS_FROM: optionalVariable(e164),
  TWILIO_API_URL: optionalVariable(z.url()),
  /** `checkin_confirmado=HX…,recarga_confirmada=HX…`: the WhatsApp templates approved through Twilio. */
  TWILIO_CONTENT_SIDS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const sids: Record<string, string> = {};
      for (const pair of value
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)) {
        const [name, sid] = pair.split('=');
        if (!name || !/^HX[0-9a-fA-F]{32}$/.test(sid ?? '')) {
          ctx.addIssue({ code: 'custom', message: `"${pair}" is not <template name>=HX<32 hex digits>` });
          return z.NEVER;
        }
        sids[name] = sid;
      }
      return sids;
    }),

  WHATSAPP_CLOUD_ACCESS_TOKEN: optionalVariable(z.string().min(8)),
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: optionalVariable(
    z.string().regex(/^\d{3,30}$/, 'is not a phone number id'),
  ),
  WHATSAPP_CLOUD_APP_SECRET: optionalVariable(z.string().min(16)),
  WHATSAPP_CLOUD_VERIFY_TOKEN: optionalVariable(z.string().min(8)),
  WHATSAPP_CLOUD_API_URL: optionalVariable(z.url()),

  FCM_PROJECT_ID: optionalVariable(z.string().min(1)),
  FCM_CLIENT_EMAIL: optionalVariable(z.email()),
  /** PEM; `\n` escapes are read as new lines (what a one-line environment variable can hold). */
  FCM_PRIVATE_KEY: optionalVariable(
    z
      .string()
      .min(64)
      .transform((k) => k.replace(/\\n/g, '\n')),
  ),
  FCM_API_URL: optionalVariable(z.url()),
  FCM_TOKEN_URL: optionalVariable(z.url()),

  SMTP_HOST: optionalVariable(z.string().min(1)),
  SMTP_PORT: z.coerce.number().int().min(1).max(65_535).default(587),
  SMTP_SECURE: z.stringbool().default(false),
  SMTP_USER: optionalVariable(z.string().min(1)),
  SMTP_PASS: optionalVariable(z.string().min(1)),
  SMTP_FROM: optionalVariable(z.string().min(3)),
});

/** A provider is configured when all of its required variables are set — or none (then it is off). */
const GROUPS = {
  twilio: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_WHATSAPP_FROM'],
  'whatsapp-cloud': [
    'WHATSAPP_CLOUD_ACCESS_TOKEN',
    'WHATSAPP_CLOUD_PHONE_NUMBER_ID',
    'WHATSAPP_CLOUD_APP_SECRET',
    'WHATSAPP_CLOUD_VERIFY_TOKEN',
  ],
  fcm: ['FCM_PROJECT_ID', 'FCM_CLIENT_EMAIL', 'FCM_PRIVATE_KEY'],
  smtp: ['SMTP_HOST', 'SMTP_FROM'],
} as const;

export const notificationsConfigSchema = fields.superRefine((config, ctx) => {
  for (const [provider, names] of Object.entries(GROUPS)) {
    const set = names.filter((n) => config[n] !== undefined);
    if (set.length && set.length < names.length) {
      for (const n of names.filter((m) => config[m] === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [n],
          message: `is required when ${set[0]} is set (${provider})`,
        });
      }
    }
  }
});

export type NotificationsConfig = z.infer<typeof notificationsConfigSchema>;

/** Whether the platform has an account with the provider. */
export function configured(config: NotificationsConfig, provider: keyof typeof GROUPS): boolean {
  return GROUPS[provider].every((n) => config[n] !== undefined);
}
