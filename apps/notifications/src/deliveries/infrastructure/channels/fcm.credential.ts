import type { Credential, GoogleOAuthAccessToken } from 'firebase-admin/app';
import { JWT } from 'google-auth-library';

/** Where Google's auth library exchanges a service account's assertion (gtoken's GOOGLE_TOKEN_URL). */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';

/**
 * A service account's OAuth 2.0 access tokens for FCM: google-auth-library's JWT client, the same
 * RS256 JWT bearer grant firebase-admin's `cert()` runs, at a token endpoint of our choosing. `cert()`
 * itself cannot be pointed elsewhere: it drops its `httpAgent` for key objects (it builds the client
 * with `GoogleAuth.fromJSON` and no options) and the token URL is a constant of the library. The JWT
 * client's transport is a Gaxios instance, whose request interceptors are its public hook: one sends
 * the token request to `tokenUrl`.
 */
export class ServiceAccountCredential implements Credential {
  private readonly jwt: JWT;

  constructor(account: { clientEmail: string; privateKey: string }, tokenUrl?: string) {
    this.jwt = new JWT({
      email: account.clientEmail,
      key: account.privateKey,
      scopes: [FCM_SCOPE],
      // Node's own fetch rather than the node-fetch Gaxios loads with a dynamic import(), which a
      // CommonJS host without ES module support (Jest's module system) cannot run.
      transporterOptions: { fetchImplementation: fetch },
    });
    if (tokenUrl) {
      const target = new URL(tokenUrl);
      this.jwt.transporter.interceptors.request.add({
        resolved: async (config) =>
          config.url.href === GOOGLE_TOKEN_URL ? { ...config, url: target } : config,
      });
    }
  }

  /** `{ access_token, expires_in }` (seconds), what firebase-admin's Credential interface returns. */
  async getAccessToken(): Promise<GoogleOAuthAccessToken> {
    const { token } = await this.jwt.getAccessToken();
    const expiry = this.jwt.credentials.expiry_date;
    if (!token || !expiry)
      throw new Error('the token endpoint answered without an access token or its expiry');
    return { access_token: token, expires_in: Math.floor((expiry - Date.now()) / 1_000) };
  }
}
