/**
 * The OAuth clients (Google Cloud console "OAuth 2.0 Client IDs", type web application) the sandbox's
 * consent screen and token endpoint know, and the scopes they may ask for.
 */

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs, as registered in the console. */
  redirectUris: string[];
  /**
   * Also any `http://localhost` / `http://127.0.0.1` URI, whatever its port and path: the dev client's
   * convenience, so a locally started service (on a test's free port) needs no registration.
   */
  anyLoopbackRedirect: boolean;
}

/** The client configured for local runs: fixed, so deploy/services.json and docs can name it. */
export const DEV_CLIENT: OAuthClient = {
  clientId: '000000000000-sportclubsandbox.apps.googleusercontent.com',
  clientSecret: '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',
  redirectUris: [],
  anyLoopbackRedirect: true,
};

const GOOGLE_AUTH = 'https://www.googleapis.com/auth/';
export const CALENDAR_SCOPE = `${GOOGLE_AUTH}calendar`;
export const CALENDAR_EVENTS_SCOPE = `${GOOGLE_AUTH}calendar.events`;
export const CALENDAR_READONLY_SCOPE = `${GOOGLE_AUTH}calendar.readonly`;
export const CALENDAR_EVENTS_READONLY_SCOPE = `${GOOGLE_AUTH}calendar.events.readonly`;

/** Scopes the consent screen grants; Google's short forms (`email`, `profile`) are kept as sent. */
export const KNOWN_SCOPES: ReadonlySet<string> = new Set([
  CALENDAR_SCOPE,
  CALENDAR_EVENTS_SCOPE,
  CALENDAR_READONLY_SCOPE,
  CALENDAR_EVENTS_READONLY_SCOPE,
  'openid',
  'email',
  'profile',
  `${GOOGLE_AUTH}userinfo.email`,
  `${GOOGLE_AUTH}userinfo.profile`,
]);

/** Whether a redirect URI is one the client registered (or a loopback one, for the dev client). */
export function redirectAllowed(client: OAuthClient, redirectUri: string): boolean {
  if (client.redirectUris.includes(redirectUri)) return true;
  if (!client.anyLoopbackRedirect) return false;
  try {
    const url = new URL(redirectUri);
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}
