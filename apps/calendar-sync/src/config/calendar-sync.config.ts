import { z } from 'zod';
import { optionalVariable, sealingKeys, serviceConfigSchema } from '@sportclub/service-kit';

/**
 * calendar-sync's settings. Locally Google is the partner sandbox (GOOGLE_OAUTH_URL, GOOGLE_API_URL);
 * in production both are unset and googleapis talks to Google's own hosts.
 */
export const calendarSyncConfigSchema = serviceConfigSchema.extend({
  /** Where upcoming-event reads are cached (300 s, dropped on change). */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  /**
   * This service's public address: Google sends the user back to `…/oauth/google/callback` (register
   * it on the OAuth client) and posts push notifications to `…/webhooks/google/calendar`.
   */
  PUBLIC_BASE_URL: z.url(),
  /**
   * The app's page that finishes a Google consent: the OAuth callback sends the browser there with
   * Google's `code` and `state` (or `error`), and the app posts them to the gateway signed in. Unset:
   * the callback shows a page asking to return to the app.
   */
  CONSENT_RETURN_URL: optionalVariable(z.url()),
  /** Where Google sends the browser back, when not `PUBLIC_BASE_URL` + `/oauth/google/callback`. */
  GOOGLE_REDIRECT_URI: optionalVariable(z.url()),
  /** The keys OAuth tokens are sealed with (`<keyId>:<base64 of 32 bytes>`, comma-separated); the first seals. */
  TOKEN_KEYS: sealingKeys,
  /** The platform's OAuth client with Google (Google Cloud console → Credentials). */
  GOOGLE_CLIENT_ID: z.string().min(1),
  GOOGLE_CLIENT_SECRET: z.string().min(1),
  /** Base of Google's OAuth endpoints (`…/o/oauth2/v2/auth`, `…/oauth2/token`, `…/oauth2/revoke`); unset: Google's. */
  GOOGLE_OAUTH_URL: optionalVariable(z.url()),
  /** Root of the Calendar API (`…/calendar/v3/…`); unset: `https://www.googleapis.com/`. */
  GOOGLE_API_URL: optionalVariable(z.url()),
  /** Push channels are asked to live this long (Google caps them; they are renewed a day before). */
  CHANNEL_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(2)
    .max(24 * 30)
    .default(24 * 7),
  /** Days a booking is kept after it ended (then forgotten with its links: nothing syncs it any more). */
  BOOKING_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(90),
  /** Google calls in flight at once, over all clubs, and for one club. */
  SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
  SYNC_CONCURRENCY_PER_CLUB: z.coerce.number().int().min(1).max(64).default(8),
});

export type CalendarSyncConfig = z.infer<typeof calendarSyncConfigSchema>;
