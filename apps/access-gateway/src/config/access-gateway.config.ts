import { z } from 'zod';
import { serviceConfigSchema } from '@sportclub/service-kit';

/** The gateway also verifies Keycloak tokens and calls the court access vendor. */
export const accessGatewayConfigSchema = serviceConfigSchema.extend({
  /** The realm URL, exactly the `iss` of its tokens; its JWKS is fetched from there. */
  KEYCLOAK_ISSUER: z.url(),
  /** Where to fetch the realm's keys when the issuer URL is not reachable from here (containers). */
  KEYCLOAK_JWKS_URL: z.url().optional(),
  JWT_AUDIENCE: z.string().min(1).default('sportclub-api'),
  /**
   * Where calendar apps reach this gateway: booking feed URLs are built on it
   * (`${PUBLIC_BASE_URL}/v1/booking-feeds/<token>.ics`), so it is the address users' devices see.
   */
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/ })
    .default('http://127.0.0.1:3000')
    .transform((url) => url.replace(/\/+$/, '')),
  /** The access-control vendor's base URL (the partner sandbox locally). */
  ACCESS_VENDOR_URL: z.url(),
  ACCESS_VENDOR_API_KEY: z.string().min(1),
  /** Shared with the vendor: signs its webhooks (HMAC-SHA256 over timestamp and raw body). */
  ACCESS_VENDOR_WEBHOOK_SECRET: z.string().min(16),
  /** The secret being rotated out: accepted too until the vendor signs with the new one only. */
  ACCESS_VENDOR_WEBHOOK_SECRET_PREVIOUS: z.string().min(16).optional(),
  /** Shared counters of the rate limits (every replica counts in the same place). */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  RATE_LIMIT_PER_MEMBER: z.coerce.number().int().min(1).default(120),
  RATE_LIMIT_PER_TENANT: z.coerce.number().int().min(1).default(3_000),
  RATE_LIMIT_WINDOW_SEC: z.coerce.number().int().min(1).default(60),
  /** Keeps environments that share a Redis apart. */
  RATE_LIMIT_KEY_PREFIX: z.string().min(1).default('sportclub:rl'),
  /** How long an app check-in may take before it is compensated. */
  CHECK_IN_DEADLINE_MS: z.coerce.number().int().min(1_000).default(15_000),
  /** How long a check-in waits for the member to pay a Pix top-up. */
  CHECK_IN_PIX_DEADLINE_MS: z.coerce.number().int().min(1_000).default(600_000),
});

export type AccessGatewayConfig = z.infer<typeof accessGatewayConfigSchema>;
