import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { GoogleOAuthException } from './google-oauth.errors';
import {
  SANDBOX_CLIENT_EMAIL,
  SANDBOX_PRIVATE_KEY,
  SANDBOX_PRIVATE_KEY_ID,
  SANDBOX_PROJECT_ID,
} from './fcm-sandbox-account';

/** The audience Google's token endpoint requires of a service account's assertion. */
export const GOOGLE_TOKEN_AUDIENCE = 'https://oauth2.googleapis.com/token';
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Scopes that allow `messages:send`. */
const FCM_SCOPES = [
  'https://www.googleapis.com/auth/firebase.messaging',
  'https://www.googleapis.com/auth/cloud-platform',
];
const ACCESS_TOKEN_TTL_S = 3_599;
const MAX_ASSERTION_LIFETIME_S = 3_600;
const CLOCK_SKEW_S = 300;

/** A service account key file, as Google's console downloads it. */
export interface ServiceAccountFile {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  auth_provider_x509_cert_url: string;
  client_x509_cert_url: string;
  universe_domain: 'googleapis.com';
}

/** Who an access token was issued to, and for what. */
export interface AccessGrant {
  clientEmail: string;
  /** The project the account belongs to (`<name>@<project>.iam.gserviceaccount.com`). */
  projectId: string;
  scopes: string[];
  expiresAt: number;
}

interface Account {
  file: Omit<ServiceAccountFile, 'token_uri'>;
  publicKey: KeyObject;
}

/**
 * Google's OAuth 2.0 token endpoint for service accounts (the JWT bearer grant Google's auth
 * libraries use), over the service accounts the sandbox knows: its own (`sportclub-sandbox`, fixed)
 * and one per further project, minted on request through the admin API. An assertion is checked the
 * way Google checks it — RS256 signature against the account's public key, audience, issuer, a
 * lifetime of at most an hour — and answered with a bearer access token.
 *
 * Access tokens are self-contained (claims + HMAC under a key fixed in the sandbox), so a client that
 * cached one keeps working across a sandbox restart, as a Google token survives an FCM restart.
 */
@Injectable()
export class GoogleOAuth {
  private readonly accounts = new Map<string, Account>();
  private readonly projects = new Map<string, string>();
  private readonly tokenKey = Buffer.from('partner-sandbox google oauth access tokens');

  constructor() {
    this.register(
      SANDBOX_PROJECT_ID,
      SANDBOX_CLIENT_EMAIL,
      SANDBOX_PRIVATE_KEY_ID,
      createPrivateKey(SANDBOX_PRIVATE_KEY),
    );
  }

  /**
   * The key file of the project's service account: the sandbox's fixed one for `sportclub-sandbox`,
   * otherwise a key pair minted on first request and kept until restart. `tokenUri` is where this
   * sandbox's token endpoint is (Google's libraries ignore the field; it documents where to point them).
   */
  serviceAccount(projectId: string, tokenUri: string): ServiceAccountFile {
    const email = this.projects.get(projectId) ?? this.mint(projectId);
    const { file } = this.accounts.get(email)!;
    return { ...file, token_uri: tokenUri };
  }

  /** `{ access_token, expires_in, token_type }` for a valid assertion; Google's OAuth errors otherwise. */
  async exchange(grantType: string | undefined, assertion: string | undefined) {
    if (grantType !== JWT_BEARER_GRANT) {
      throw new GoogleOAuthException('unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
    }
    if (!assertion)
      throw new GoogleOAuthException('invalid_request', 'Missing required parameter: assertion');
    const grant = await this.verifyAssertion(assertion);
    return { access_token: this.sign(grant), expires_in: ACCESS_TOKEN_TTL_S, token_type: 'Bearer' };
  }

  /** The grant behind a bearer token this endpoint issued, or null (unknown, tampered or expired). */
  grantOf(accessToken: string): AccessGrant | null {
    const match = /^ya29\.sandbox\.([\w-]+)\.([\w-]+)$/.exec(accessToken);
    if (!match) return null;
    const expected = this.mac(match[1]);
    const given = Buffer.from(match[2], 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const grant = JSON.parse(Buffer.from(match[1], 'base64url').toString()) as AccessGrant;
    return grant.expiresAt > Date.now() ? grant : null;
  }

  /** Whether the grant may send FCM messages (its scopes). */
  static canSendMessages(grant: AccessGrant): boolean {
    return grant.scopes.some((s) => FCM_SCOPES.includes(s));
  }

  private async verifyAssertion(assertion: string): Promise<AccessGrant> {
    let issuer: unknown;
    try {
      if (decodeProtectedHeader(assertion).alg !== 'RS256') throw new Error('alg');
      issuer = decodeJwt(assertion).iss;
    } catch {
      throw new GoogleOAuthException('invalid_grant', 'Invalid JWT: the assertion is not an RS256 JWS.');
    }
    const account = typeof issuer === 'string' ? this.accounts.get(issuer) : undefined;
    if (!account) throw new GoogleOAuthException('invalid_grant', 'Invalid grant: account not found');
    try {
      const { payload } = await jwtVerify(assertion, account.publicKey, {
        algorithms: ['RS256'],
        issuer: account.file.client_email,
        audience: GOOGLE_TOKEN_AUDIENCE,
        requiredClaims: ['iat', 'exp'],
        clockTolerance: CLOCK_SKEW_S,
      });
      const lifetime = payload.exp! - payload.iat!;
      if (lifetime <= 0 || lifetime > MAX_ASSERTION_LIFETIME_S || payload.iat! > now() + CLOCK_SKEW_S) {
        throw new errors.JWTClaimValidationFailed('lifetime', payload, 'iat');
      }
      const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
      if (!scopes.length) {
        throw new GoogleOAuthException('invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
      }
      return {
        clientEmail: account.file.client_email,
        projectId: account.file.project_id,
        scopes,
        expiresAt: Date.now() + ACCESS_TOKEN_TTL_S * 1_000,
      };
    } catch (error) {
      if (error instanceof GoogleOAuthException) throw error;
      if (error instanceof errors.JWSSignatureVerificationFailed) {
        throw new GoogleOAuthException('invalid_grant', 'Invalid JWT Signature.');
      }
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') {
        throw new GoogleOAuthException(
          'invalid_grant',
          `Invalid JWT: the audience must be ${GOOGLE_TOKEN_AUDIENCE}.`,
        );
      }
      if (error instanceof errors.JWTExpired || error instanceof errors.JWTClaimValidationFailed) {
        throw new GoogleOAuthException(
          'invalid_grant',
          'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
        );
      }
      throw new GoogleOAuthException('invalid_grant', `Invalid JWT: ${(error as Error).message}`);
    }
  }

  private mint(projectId: string): string {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const email = `firebase-adminsdk@${projectId}.iam.gserviceaccount.com`;
    this.register(projectId, email, randomBytes(20).toString('hex'), privateKey);
    return email;
  }

  private register(projectId: string, email: string, keyId: string, privateKey: KeyObject): void {
    const clientId = BigInt(`0x${createHmac('sha256', email).digest('hex').slice(0, 16)}`).toString();
    this.accounts.set(email, {
      publicKey: createPublicKey(privateKey),
      file: {
        type: 'service_account',
        project_id: projectId,
        private_key_id: keyId,
        private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        client_email: email,
        client_id: clientId,
        auth_uri: 'https://accounts.google.com/o/oauth2/auth',
        auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
        client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(email)}`,
        universe_domain: 'googleapis.com',
      },
    });
    this.projects.set(projectId, email);
  }

  private sign(grant: AccessGrant): string {
    const claims = Buffer.from(JSON.stringify(grant)).toString('base64url');
    return `ya29.sandbox.${claims}.${this.mac(claims).toString('base64url')}`;
  }

  private mac(claims: string): Buffer {
    return createHmac('sha256', this.tokenKey).update(claims).digest();
  }
}

const now = () => Math.floor(Date.now() / 1_000);
