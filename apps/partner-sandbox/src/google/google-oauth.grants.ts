import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { GoogleOAuthException } from '../fcm/google-oauth.errors';
import { DEV_CLIENT, KNOWN_SCOPES, redirectAllowed, type OAuthClient } from './google-oauth.clients';

/** Google's lifetimes: an authorization code lives minutes, an access token an hour. */
const CODE_TTL_MS = 10 * 60_000;
const CONSENT_TTL_MS = 30 * 60_000;
export const DEFAULT_ACCESS_TOKEN_TTL_S = 3_599;

/**
 * What the consent screen refuses to show, as Google's "Error 400: redirect_uri_mismatch" pages: the
 * browser never goes back to the client (the redirect URI itself may be the problem).
 */
export class ConsentRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
  ) {
    super(`${code}: ${description}`);
  }
}

/** A request for consent the screen is showing, until the member approves or denies it. */
export interface ConsentRequest {
  id: string;
  client: OAuthClient;
  redirectUri: string;
  scopes: string[];
  state?: string;
  offline: boolean;
  forceConsent: boolean;
  loginHint?: string;
  expiresAt: number;
}

/**
 * One member's authorization of one client (Google keeps one per account and client): its scopes,
 * refresh tokens and whether it was revoked. Revoking any of its tokens revokes all of them.
 */
export interface Grant {
  id: string;
  clientId: string;
  email: string;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
  refreshTokens: string[];
}

interface IssuedCode {
  grantId: string;
  clientId: string;
  redirectUri: string;
  issueRefreshToken: boolean;
  expiresAt: number;
  used: boolean;
}

interface IssuedAccessToken {
  grantId: string;
  expiresAt: number;
}

/** Whose calendars an access token opens, and with which scopes. */
export interface TokenOwner {
  email: string;
  scopes: string[];
  clientId: string;
}

/** The token endpoint's answer (`refresh_token` only with a code, and then not always). */
export interface TokenResponse {
  access_token: string;
  expires_in: number;
  scope: string;
  token_type: 'Bearer';
  refresh_token?: string;
}

export interface TokenForm {
  grant_type?: string;
  code?: string;
  redirect_uri?: string;
  client_id?: string;
  client_secret?: string;
  refresh_token?: string;
  code_verifier?: string;
}

/**
 * Google's OAuth 2.0 authorization-code flow for installed members (what `OAuth2Client.generateAuthUrl`
 * and `getToken` drive): consent requests, single-use codes bound to client and redirect URI, grants
 * with refresh tokens, expiring access tokens and revocation. State is in memory, opaque tokens
 * looked up here (unlike the FCM service-account tokens, these must die when a grant is revoked).
 */
@Injectable()
export class GoogleOAuthGrants {
  private readonly clients = new Map<string, OAuthClient>([[DEV_CLIENT.clientId, DEV_CLIENT]]);
  private readonly consents = new Map<string, ConsentRequest>();
  private readonly codes = new Map<string, IssuedCode>();
  private readonly grants = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, string>();
  private readonly accessTokens = new Map<string, IssuedAccessToken>();
  private accessTokenTtlS = DEFAULT_ACCESS_TOKEN_TTL_S;

  registerClient(client: Omit<OAuthClient, 'anyLoopbackRedirect'>): OAuthClient {
    const registered = { ...client, anyLoopbackRedirect: client.clientId === DEV_CLIENT.clientId };
    this.clients.set(client.clientId, registered);
    return registered;
  }

  listClients(): OAuthClient[] {
    return [...this.clients.values()];
  }

  /** How long new access tokens live (admin knob: a short one makes a test meet expiry). */
  setAccessTokenTtl(seconds: number): void {
    this.accessTokenTtlS = seconds;
  }

  accessTokenTtl(): number {
    return this.accessTokenTtlS;
  }

  /** Checks an authorization request (`/o/oauth2/v2/auth` query) and opens a consent request. */
  authorize(query: Record<string, unknown>): ConsentRequest {
    const param = (name: string) => (typeof query[name] === 'string' ? query[name] : undefined);
    const clientId = param('client_id');
    const client = clientId ? this.clients.get(clientId) : undefined;
    if (!client) throw new ConsentRequestError(401, 'invalid_client', 'The OAuth client was not found.');
    const redirectUri = param('redirect_uri');
    if (!redirectUri) {
      throw new ConsentRequestError(400, 'invalid_request', 'Missing required parameter: redirect_uri');
    }
    if (!redirectAllowed(client, redirectUri)) {
      throw new ConsentRequestError(
        400,
        'redirect_uri_mismatch',
        `You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy. redirect_uri=${redirectUri}`,
      );
    }
    const responseType = param('response_type');
    if (responseType !== 'code') {
      throw new ConsentRequestError(
        400,
        'unsupported_response_type',
        `Invalid response_type: ${responseType ?? ''} (the sandbox has the code flow only)`,
      );
    }
    const scopes = (param('scope') ?? '').split(' ').filter(Boolean);
    if (!scopes.length) {
      throw new ConsentRequestError(400, 'invalid_request', 'Missing required parameter: scope');
    }
    const unknown = scopes.filter((s) => !KNOWN_SCOPES.has(s));
    if (unknown.length) {
      throw new ConsentRequestError(
        400,
        'invalid_scope',
        `Some requested scopes were invalid: ${unknown.join(' ')}`,
      );
    }
    const accessType = param('access_type') ?? 'online';
    if (accessType !== 'online' && accessType !== 'offline') {
      throw new ConsentRequestError(400, 'invalid_request', `Invalid access_type: ${accessType}`);
    }
    const prompts = (param('prompt') ?? '').split(' ').filter(Boolean);
    const badPrompt = prompts.find((p) => p !== 'consent' && p !== 'select_account');
    if (badPrompt) {
      throw new ConsentRequestError(
        400,
        'invalid_request',
        `Invalid prompt: ${badPrompt} (the sandbox takes consent and select_account)`,
      );
    }
    const request: ConsentRequest = {
      id: randomUUID(),
      client,
      redirectUri,
      scopes,
      state: param('state'),
      offline: accessType === 'offline',
      forceConsent: prompts.includes('consent'),
      loginHint: param('login_hint'),
      expiresAt: Date.now() + CONSENT_TTL_MS,
    };
    this.consents.set(request.id, request);
    return request;
  }

  consentRequest(id: string): ConsentRequest {
    const request = this.consents.get(id);
    if (!request || request.expiresAt <= Date.now()) {
      throw new ConsentRequestError(400, 'invalid_request', 'This consent request expired; start again.');
    }
    return request;
  }

  /**
   * The member's answer on the consent screen: where the browser goes next — the client's redirect URI
   * with `code` (or `error=access_denied`) and the client's `state`. A refresh token comes with the code
   * when offline access was asked and either the member had no grant for the client yet or the client
   * forced the consent screen (`prompt=consent`), as at Google.
   */
  decide(consentId: string, email: string, approve: boolean): string {
    const request = this.consentRequest(consentId);
    this.consents.delete(consentId);
    const target = new URL(request.redirectUri);
    const answer = (params: Record<string, string | undefined>) => {
      for (const [k, v] of Object.entries(params)) if (v !== undefined) target.searchParams.set(k, v);
      return target.toString();
    };
    if (!approve) return answer({ error: 'access_denied', state: request.state });
    const existing = this.liveGrant(email, request.client.clientId);
    const grant = existing ?? this.newGrant(email, request.client.clientId);
    grant.scopes = [...new Set([...grant.scopes, ...request.scopes])];
    const code = `4/0Sbx${token(30)}`;
    this.codes.set(code, {
      grantId: grant.id,
      clientId: request.client.clientId,
      redirectUri: request.redirectUri,
      issueRefreshToken: request.offline && (!existing || request.forceConsent),
      expiresAt: Date.now() + CODE_TTL_MS,
      used: false,
    });
    return answer({ code, scope: grant.scopes.join(' '), state: request.state });
  }

  /** `POST /token` with `grant_type=authorization_code` or `refresh_token`. */
  exchange(form: TokenForm, basicAuth?: string): TokenResponse {
    if (form.grant_type === 'authorization_code') return this.redeemCode(form, basicAuth);
    if (form.grant_type === 'refresh_token') return this.refresh(form, basicAuth);
    throw new GoogleOAuthException('unsupported_grant_type', `Invalid grant_type: ${form.grant_type ?? ''}`);
  }

  /** `POST /revoke?token=…`: an access or a refresh token; either way the whole grant ends. */
  revoke(tokenValue: string | undefined): Record<string, never> {
    const grantId = tokenValue
      ? (this.refreshTokens.get(tokenValue) ?? this.accessTokens.get(tokenValue)?.grantId)
      : undefined;
    const grant = grantId ? this.grants.get(grantId) : undefined;
    if (!grant || grant.revokedAt) {
      throw new GoogleOAuthException('invalid_token', 'Token expired or revoked');
    }
    grant.revokedAt = new Date().toISOString();
    return {};
  }

  /** Who an access token belongs to; `expired` for one that was valid once; null if never issued. */
  ownerOf(accessToken: string): TokenOwner | 'expired' | null {
    const issued = this.accessTokens.get(accessToken);
    if (!issued) return null;
    const grant = this.grants.get(issued.grantId)!;
    if (grant.revokedAt || issued.expiresAt <= Date.now()) return 'expired';
    return { email: grant.email, scopes: grant.scopes, clientId: grant.clientId };
  }

  /** Expires every access token of the member now (refresh tokens keep working). */
  expireAccessTokens(email: string): number {
    let expired = 0;
    for (const issued of this.accessTokens.values()) {
      if (this.grants.get(issued.grantId)?.email === email && issued.expiresAt > Date.now()) {
        issued.expiresAt = Date.now();
        expired++;
      }
    }
    return expired;
  }

  listGrants(filter: { email?: string; clientId?: string } = {}): Grant[] {
    return [...this.grants.values()].filter(
      (g) =>
        (!filter.email || g.email === filter.email) && (!filter.clientId || g.clientId === filter.clientId),
    );
  }

  private redeemCode(form: TokenForm, basicAuth?: string): TokenResponse {
    const client = this.authenticate(form, basicAuth);
    const issued = form.code ? this.codes.get(form.code) : undefined;
    if (!issued) throw new GoogleOAuthException('invalid_grant', 'Malformed auth code.');
    if (issued.used || issued.expiresAt <= Date.now()) {
      throw new GoogleOAuthException('invalid_grant', 'Bad Request');
    }
    if (issued.clientId !== client.clientId) {
      throw new GoogleOAuthException('invalid_grant', 'Bad Request');
    }
    if (form.redirect_uri !== issued.redirectUri) {
      throw new GoogleOAuthException('redirect_uri_mismatch', 'Bad Request');
    }
    issued.used = true;
    const grant = this.grants.get(issued.grantId)!;
    if (grant.revokedAt)
      throw new GoogleOAuthException('invalid_grant', 'Token has been expired or revoked.');
    let refreshToken: string | undefined;
    if (issued.issueRefreshToken) {
      refreshToken = `1//0Sbx${token(40)}`;
      grant.refreshTokens.push(refreshToken);
      this.refreshTokens.set(refreshToken, grant.id);
    }
    return { ...this.accessTokenFor(grant), ...(refreshToken && { refresh_token: refreshToken }) };
  }

  private refresh(form: TokenForm, basicAuth?: string): TokenResponse {
    const client = this.authenticate(form, basicAuth);
    const grantId = form.refresh_token ? this.refreshTokens.get(form.refresh_token) : undefined;
    const grant = grantId ? this.grants.get(grantId) : undefined;
    if (!grant || grant.revokedAt || grant.clientId !== client.clientId) {
      throw new GoogleOAuthException('invalid_grant', 'Token has been expired or revoked.');
    }
    return this.accessTokenFor(grant);
  }

  private accessTokenFor(grant: Grant): TokenResponse {
    const accessToken = `ya29.a0Sbx${token(60)}`;
    this.accessTokens.set(accessToken, {
      grantId: grant.id,
      expiresAt: Date.now() + this.accessTokenTtlS * 1_000,
    });
    return {
      access_token: accessToken,
      expires_in: this.accessTokenTtlS,
      scope: grant.scopes.join(' '),
      token_type: 'Bearer',
    };
  }

  /** The client, by `client_secret_post` (what googleapis sends) or HTTP Basic; 401 `invalid_client`. */
  private authenticate(form: TokenForm, basicAuth?: string): OAuthClient {
    let [clientId, secret] = [form.client_id, form.client_secret];
    const basic = basicAuth && /^Basic\s+(\S+)$/i.exec(basicAuth)?.[1];
    if (basic) {
      const decoded = Buffer.from(basic, 'base64').toString();
      const colon = decoded.indexOf(':');
      [clientId, secret] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    }
    const client = clientId ? this.clients.get(clientId) : undefined;
    if (!client) throw new GoogleOAuthException('invalid_client', 'The OAuth client was not found.', 401);
    if (!secret || !sameText(secret, client.clientSecret)) {
      throw new GoogleOAuthException('invalid_client', 'Unauthorized', 401);
    }
    return client;
  }

  private liveGrant(email: string, clientId: string): Grant | undefined {
    return [...this.grants.values()].find(
      (g) => g.email === email && g.clientId === clientId && !g.revokedAt,
    );
  }

  private newGrant(email: string, clientId: string): Grant {
    const grant: Grant = {
      id: randomUUID(),
      clientId,
      email,
      scopes: [],
      createdAt: new Date().toISOString(),
      revokedAt: null,
      refreshTokens: [],
    };
    this.grants.set(grant.id, grant);
    return grant;
  }
}

const token = (bytes: number) => randomBytes(bytes).toString('base64url');

function sameText(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}
